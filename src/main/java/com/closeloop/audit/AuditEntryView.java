package com.closeloop.audit;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** One audit entry as the API shows it; old and new values are JSON objects (null when there were none). */
public record AuditEntryView(long seq, Instant recordedAt, String actor, String via, String action, String entity, String entityId,
        JsonNode oldValues, JsonNode newValues, String reason, String eventSource, String eventId, Instant eventTime, String prevHash,
        String hash) {
}
