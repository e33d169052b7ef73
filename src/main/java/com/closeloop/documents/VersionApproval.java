package com.closeloop.documents;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** The payload of {@code closeloop.document.version.approved}. */
public record VersionApproval(String documentNumber, String title, String category, String version, ChangeType changeType,
        LocalDate effectiveDate, String changeControlId, OffsetDateTime approvedAt) {
}
