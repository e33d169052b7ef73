package com.closeloop.rules.facts;

import java.time.LocalDate;

/** A document was newly mapped to a job function; {@code version} is the version to train on. */
public record MatrixEntryAdded(String documentNumber, String jobFunctionCode, String category, String version, int seq,
        LocalDate effectiveDate, LocalDate eventDate) {
}
