package com.closeloop.rules.decisions;

import java.time.LocalDate;

/**
 * A holder trained on the previously required version gets an implementation period: due {@code dueDate} (the later of
 * effective + N and the normal due date), qualified through {@code until}. Inserted by the implementation-period rules so
 * the revision fan-out leaves these holders to them; not itself a decision of the outcome (the assignment is).
 */
public record ImplementationPeriod(String employeeId, String documentNumber, String version, LocalDate until, LocalDate dueDate) {
}
