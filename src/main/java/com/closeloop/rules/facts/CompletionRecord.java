package com.closeloop.rules.facts;

import java.time.Instant;

/** A stored training completion; {@code counts} is the evidence verdict made when it was reported. */
public record CompletionRecord(String employeeId, String documentNumber, String version, int versionSeq, Instant completedAt,
        Double score, String verifiedBy, boolean counts) {
}
