package com.closeloop.ingest;

import java.time.Instant;
import java.time.LocalDate;

import com.closeloop.rules.RuleSet;

/**
 * What every handler knows about the event it applies.
 *
 * @param eventTime  "now" for the decision: the event's {@code time}, or the receipt time when absent (SPEC §4b)
 * @param eventDate  the plant date of {@code eventTime}
 * @param receivedAt when the hub received it (always recorded)
 * @param rules      the rule set deciding this event (one snapshot per event)
 * @param person     the user name of a signed-in person who posted the event; null for systems (API key, JMS, files)
 */
public record EventContext(String source, String id, String type, Instant eventTime, LocalDate eventDate, Instant receivedAt,
        RuleSet rules, String person) {
}
