package com.closeloop.rules.facts;

import java.time.LocalDate;

/** An exemption in force at the event's time (one version, or any when {@code version} is null). */
public record ExemptionInForce(String exemptionId, String employeeId, String documentNumber, String version, LocalDate validUntil) {
}
