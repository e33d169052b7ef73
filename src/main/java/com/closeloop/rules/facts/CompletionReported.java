package com.closeloop.rules.facts;

/**
 * A training completion as reported by a form or an LMS, with the category of the document version completed.
 * {@code score}, {@code verifiedBy} and {@code method} may be null.
 */
public record CompletionReported(String employeeId, String documentNumber, String category, String version, int versionSeq,
        String method, Double score, String verifiedBy) {
}
