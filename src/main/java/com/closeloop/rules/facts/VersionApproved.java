package com.closeloop.rules.facts;

import java.time.LocalDate;

/** A document version was approved. {@code firstVersion} is true for a document's first version. */
public record VersionApproved(String documentNumber, String category, String version, int seq, String changeType,
        LocalDate effectiveDate, LocalDate eventDate, boolean firstVersion) {
}
