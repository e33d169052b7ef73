package com.closeloop.documents;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The payload of {@code closeloop.document.version.approved}; {@code trainingImpact} (QA's verdict) and
 * {@code implementationDays} are optional (SPEC §2b.10).
 */
public record VersionApproval(String documentNumber, String title, String category, String version, ChangeType changeType,
        LocalDate effectiveDate, String changeControlId, OffsetDateTime approvedAt, TrainingImpact trainingImpact,
        Integer implementationDays) {

    /** QA's training-impact verdict on a revision. */
    public record TrainingImpact(String verdict, String reason, String decidedBy) {
    }
}
