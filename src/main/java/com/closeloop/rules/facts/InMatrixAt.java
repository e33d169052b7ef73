package com.closeloop.rules.facts;

/** The employee held, at the instant in question, a job function mapped to the document. */
public record InMatrixAt(String employeeId, String documentNumber) {
}
