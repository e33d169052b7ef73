package com.closeloop.rules.facts;

import java.time.LocalDate;

/** QA granted an exemption from a document (one version, or any when {@code version} is null) through {@code validUntil}. */
public record ExemptionGranted(String exemptionId, String employeeId, String documentNumber, String version, LocalDate validUntil) {
}
