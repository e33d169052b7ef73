package com.closeloop.rules.facts;

/** The employee holds a counting completion of the document at version sequence {@code versionSeq} (their latest). */
public record CompletionHeld(String employeeId, String documentNumber, int versionSeq) {
}
