package com.closeloop.ingest;

import java.time.Instant;

import com.closeloop.JdbcValues;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Keeps what was refused, and why, so operators can answer "what happened to my message?". */
@Component
class RejectedEvents {

    private static final Logger log = LoggerFactory.getLogger(RejectedEvents.class);
    private static final int MAX_PAYLOAD = 100_000;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    RejectedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(CloudEvent event, String rawBody, InvalidEventException problem, Instant receivedAt) {
        try {
            String payload = rawBody == null || rawBody.length() <= MAX_PAYLOAD ? rawBody : rawBody.substring(0, MAX_PAYLOAD);
            jdbc.update("insert into rejected_event (event_source, event_id, event_type, received_at, channel, payload, errors)"
                    + " values (?, ?, ?, ?, ?, ?, ?)", event == null ? null : event.source(), event == null ? null : event.id(),
                    event == null ? null : event.type(), JdbcValues.utc(receivedAt), "gateway", payload,
                    json.writeValueAsString(problem.errors()));
        } catch (JsonProcessingException | RuntimeException e) {
            // Recording a rejection must never turn a 4xx answer into a 5xx.
            log.warn("Could not record rejected event: {}", e.toString());
        }
    }
}
