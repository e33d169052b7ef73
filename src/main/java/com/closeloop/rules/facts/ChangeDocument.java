package com.closeloop.rules.facts;

/** A document a change notification named. */
public record ChangeDocument(String changeId, String documentNumber) {
}
