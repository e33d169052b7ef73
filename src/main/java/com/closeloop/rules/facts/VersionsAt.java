package com.closeloop.rules.facts;

/**
 * The document's versions at the instant in question: the one effective, and the one required for
 * qualification (the latest effective that required retraining). Sequences are 0 when there is none.
 */
public record VersionsAt(String documentNumber, String effectiveVersion, int effectiveSeq, String requiredVersion, int requiredSeq) {
}
