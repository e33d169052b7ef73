package com.closeloop.ingest;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 event as received (structured JSON), after envelope validation.
 *
 * @param time  when it happened at the source; null when the sender gave none
 * @param raw   the exact JSON text received (kept with its SHA-256 for the record)
 */
public record CloudEvent(String id, String source, String type, OffsetDateTime time, JsonNode data, String raw) {
}
