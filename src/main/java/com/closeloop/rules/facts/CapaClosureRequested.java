package com.closeloop.rules.facts;

/** Someone asks to close a CAPA (or the hub previews whether it could be closed: {@code requestedBy} null). */
public record CapaClosureRequested(String capaId, String requestedBy) {
}
