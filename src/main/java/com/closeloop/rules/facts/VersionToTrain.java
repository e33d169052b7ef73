package com.closeloop.rules.facts;

import java.time.LocalDate;

/** The version of a document to train on now (the effective one, or the latest approved when none is yet). */
public record VersionToTrain(String documentNumber, String category, String version, int seq, LocalDate effectiveDate) {
}
