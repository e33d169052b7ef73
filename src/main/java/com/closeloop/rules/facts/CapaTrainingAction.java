package com.closeloop.rules.facts;

import java.time.Instant;

/** A training action of a CAPA as recorded, with its verification requirement. */
public record CapaTrainingAction(String capaId, String actionId, String documentNumber, String version, int versionSeq,
        String verificationKind, Double minScore, Instant addedAt) {
}
