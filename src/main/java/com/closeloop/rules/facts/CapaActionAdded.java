package com.closeloop.rules.facts;

import java.time.LocalDate;

/** A CAPA training action was added; {@code version} is the version to train on (effective when added). */
public record CapaActionAdded(String capaId, String actionId, String documentNumber, String category, String version, int versionSeq,
        LocalDate effectiveDate, LocalDate dueDate) {
}
