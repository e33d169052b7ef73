package com.closeloop.rules.facts;

/** An employee a CAPA training action assigned (or linked). */
public record ActionAssignee(String capaId, String actionId, String employeeId) {
}
