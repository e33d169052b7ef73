package com.closeloop.rules.facts;

import java.time.LocalDate;

/**
 * A document version was approved. {@code firstVersion} is true for a document's first version. {@code trainingImpact} is
 * QA's verdict ({@code REQUIRED} / {@code NOT_REQUIRED}, null when none was given) with its reason and decider;
 * {@code implementationDays} the implementation period (null when none); {@code previousRequiredSeq} the sequence of the
 * version required before this one (the latest earlier version that required retraining, or the first; 0 for a first version).
 */
public record VersionApproved(String documentNumber, String category, String version, int seq, String changeType,
        LocalDate effectiveDate, LocalDate eventDate, boolean firstVersion, String trainingImpact, String impactReason,
        String impactDecidedBy, Integer implementationDays, int previousRequiredSeq) {

    public VersionApproved(String documentNumber, String category, String version, int seq, String changeType, LocalDate effectiveDate,
            LocalDate eventDate, boolean firstVersion) {
        this(documentNumber, category, version, seq, changeType, effectiveDate, eventDate, firstVersion, null, null, null, null,
                firstVersion ? 0 : seq - 1);
    }
}
