package com.closeloop.training;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An assignment as the API shows it (SPEC §4). {@code overdue} is derived when read: still OPEN and the
 * plant date of the reading is after the due date. {@code extended} is true when the due date was moved (an allowed
 * extension); {@code originalDueDate} is the due date first given. {@code completedBy} says how it was completed when not by
 * a completion of its own document ({@code kind} EQUIVALENT, with the course).
 */
public record AssignmentView(String assignmentId, String employeeId, String documentNumber, String version, LocalDate effectiveDate,
        LocalDate dueDate, String status, String reason, Instant assignedAt, Instant completedAt, String completionId,
        Instant closedAt, String closedReason, String supersededBy, LocalDate originalDueDate, boolean extended, boolean overdue,
        String ruleName, String ruleSetVersion, String sourceEventId, String sourceEventSource, CompletedBy completedBy) {

    /** The course whose completion completed the assignment through an equivalence. */
    public record CompletedBy(String kind, String documentNumber, String version) {
    }
}
