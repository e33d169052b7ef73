package com.closeloop.rules.decisions;

/** A limit an extension request violates ({@code limit} a stable code, {@code message} for people). Collected into the answer. */
public record ExtensionLimit(String assignmentId, String limit, String message) {
}
