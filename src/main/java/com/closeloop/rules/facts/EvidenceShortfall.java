package com.closeloop.rules.facts;

/** Intermediate conclusion: a completion lacks evidence its training method requires. */
public record EvidenceShortfall(String employeeId, String documentNumber, String reason) {
}
