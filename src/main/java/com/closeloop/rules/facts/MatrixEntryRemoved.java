package com.closeloop.rules.facts;

/** A document is no longer mapped to a job function. */
public record MatrixEntryRemoved(String documentNumber, String jobFunctionCode) {
}
