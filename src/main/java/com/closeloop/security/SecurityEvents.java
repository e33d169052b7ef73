package com.closeloop.security;

import java.time.Instant;

import com.closeloop.JdbcValues;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Records refused access, failed sign-ins, lockouts and credential changes. Never throws. */
@Component
public class SecurityEvents {

    private static final Logger log = LoggerFactory.getLogger(SecurityEvents.class);

    private final JdbcTemplate jdbc;

    SecurityEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String kind, String principal, String path, String detail) {
        try {
            jdbc.update("insert into security_event (occurred_at, kind, principal, path, detail) values (?, ?, ?, ?, ?)",
                    JdbcValues.utc(Instant.now()), kind, cut(principal, 200), cut(path, 500), cut(detail, 1000));
        } catch (RuntimeException e) {
            log.warn("Could not record security event {} for {}: {}", kind, principal, e.toString());
        }
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
