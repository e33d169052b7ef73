package com.closeloop.rules.facts;

import java.time.LocalDate;

/** An assignment that is currently OPEN; {@code originalDueDate} is set when its due date was extended or carried over. */
public record OpenAssignment(String assignmentId, String employeeId, String documentNumber, String version, int versionSeq,
        LocalDate dueDate, String reason, LocalDate originalDueDate) {

    public OpenAssignment(String assignmentId, String employeeId, String documentNumber, String version, int versionSeq,
            LocalDate dueDate, String reason) {
        this(assignmentId, employeeId, documentNumber, version, versionSeq, dueDate, reason, null);
    }
}
