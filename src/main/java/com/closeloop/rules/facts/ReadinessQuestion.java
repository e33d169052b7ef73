package com.closeloop.rules.facts;

/** Is the workforce ready for this version to take effect? (SPEC §2b item 13) */
public record ReadinessQuestion(String documentNumber, String version, String category) {
}
