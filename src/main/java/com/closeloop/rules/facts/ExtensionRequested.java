package com.closeloop.rules.facts;

import java.time.LocalDate;

/**
 * A due-date extension was requested for an OPEN assignment. {@code days} = requested − current due date;
 * {@code allowedBefore} = extensions of this assignment allowed so far; {@code capaDueDate} = the earliest due date of the
 * CAPA training actions the assignment serves (null when none); {@code category} = the document's.
 */
public record ExtensionRequested(String assignmentId, String employeeId, String documentNumber, String version, String category,
        LocalDate currentDueDate, LocalDate requestedDueDate, long days, int allowedBefore, LocalDate capaDueDate) {
}
