package com.closeloop.rules.facts;

/** A training method that applies to the employee for the document (from a matrix entry of a job function they hold). */
public record ApplicableMethod(String employeeId, String documentNumber, String trainingMethod) {
}
