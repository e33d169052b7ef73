package com.closeloop.rules.facts;

import java.time.LocalDate;

/** An assignment that, at the instant in question, was assigned, past due and not yet completed. */
public record OverdueAssignmentAt(String employeeId, String documentNumber, String version, int versionSeq, LocalDate dueDate) {
}
