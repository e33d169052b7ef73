package com.closeloop.rules.facts;

/** An active employee a CAPA training action targets (named, or holding a named job function). */
public record CapaTarget(String capaId, String actionId, String employeeId) {
}
