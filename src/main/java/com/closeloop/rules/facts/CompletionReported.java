package com.closeloop.rules.facts;

/** A training completion as reported by a form or an LMS. {@code score} and {@code verifiedBy} may be null. */
public record CompletionReported(String employeeId, String documentNumber, String version, int versionSeq, String method,
        Double score, String verifiedBy) {
}
