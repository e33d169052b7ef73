package com.closeloop.ingest;

/** One problem with one field of an inbound event; {@code field} is a path such as {@code jobFunctions[1].from}. */
public record FieldError(String field, String message) {
}
