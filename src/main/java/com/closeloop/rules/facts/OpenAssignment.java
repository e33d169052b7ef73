package com.closeloop.rules.facts;

import java.time.LocalDate;

/** An assignment that is currently OPEN. */
public record OpenAssignment(String assignmentId, String employeeId, String documentNumber, String version, int versionSeq,
        LocalDate dueDate, String reason) {
}
