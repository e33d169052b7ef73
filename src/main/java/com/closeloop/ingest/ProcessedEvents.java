package com.closeloop.ingest;

import java.time.Instant;

import com.closeloop.Hashes;
import com.closeloop.JdbcValues;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The idempotency log: one row per accepted (source, id), with the raw payload and its SHA-256. */
@Component
class ProcessedEvents {

    private final JdbcTemplate jdbc;

    ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean contains(String source, String id) {
        Integer count = jdbc.queryForObject("select count(*) from processed_event where event_source = ? and event_id = ?",
                Integer.class, source, id);
        return count != null && count > 0;
    }

    /** Inserts the row first in the event's transaction; a concurrent twin fails on the primary key. */
    void record(CloudEvent event, Instant eventTime, Instant receivedAt, String ruleSetVersion) {
        jdbc.update("insert into processed_event (event_source, event_id, event_type, event_time, received_at, payload, payload_sha256,"
                + " rule_set_version) values (?, ?, ?, ?, ?, ?, ?, ?)", event.source(), event.id(), event.type(), JdbcValues.utc(eventTime),
                JdbcValues.utc(receivedAt), event.raw(), Hashes.sha256Hex(event.raw()), ruleSetVersion);
    }
}
