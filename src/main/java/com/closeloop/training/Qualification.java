package com.closeloop.training;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The answer to "may employee E perform work governed by document D at instant T?" (SPEC §2.2).
 *
 * @param reason         first that applies: NOT_IN_MATRIX, CURRENT, EVIDENCE_INSUFFICIENT,
 *                       REQUIRED_VERSION_NOT_COMPLETED, NEVER_TRAINED (and NO_EFFECTIVE_VERSION before the
 *                       document's first effective date)
 * @param openAssignment the assignment for this document that was open at T, if any
 */
public record Qualification(String employeeId, String documentNumber, Instant at, LocalDate plantDate, boolean qualified,
        String reason, String requiredVersion, LocalDate requiredVersionEffectiveDate, String completedVersion, Instant completedAt,
        String detail, OpenAssignmentAt openAssignment) {

    /** The open assignment at T, with whether it was overdue then. */
    public record OpenAssignmentAt(String assignmentId, String version, LocalDate dueDate, boolean overdue) {
    }
}
