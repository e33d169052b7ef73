package com.closeloop.ingest;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.closeloop.JdbcValues;
import com.closeloop.rules.DecisionRecord;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Renders an accepted event's outcome from what was recorded: the event row and its decision trail. */
@Component
public class Outcomes {

    private static final Comparator<DecisionRecord> ORDER = Comparator.comparing(DecisionRecord::kind)
            .thenComparing(DecisionRecord::employeeId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(DecisionRecord::documentNumber, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(DecisionRecord::version, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(DecisionRecord::assignmentId, Comparator.nullsFirst(Comparator.naturalOrder()));

    private final JdbcTemplate jdbc;

    private final com.fasterxml.jackson.databind.ObjectMapper json;

    Outcomes(JdbcTemplate jdbc, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    private java.util.Map<String, Object> attributes(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, Object>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored decision attributes are not JSON: " + text, e);
        }
    }

    public Optional<EventOutcome> of(String eventSource, String eventId) {
        List<DecisionRecord> decisions = jdbc.query("select * from decision_trail where event_source = ? and event_id = ?",
                (rs, i) -> {
                    String kind = rs.getString("kind");
                    String detail = rs.getString("detail");
                    List<String> reasons = !kind.startsWith("CLOSURE_") ? null
                            : kind.equals("CLOSURE_ALLOWED") || detail == null ? List.of() : Arrays.asList(detail.split("\n"));
                    return new DecisionRecord(kind, rs.getString("rule_name"), rs.getString("rule_set_version"), rs.getString("employee_id"),
                            rs.getString("document_number"), rs.getString("version"), rs.getString("job_function_code"),
                            rs.getString("assignment_id"), JdbcValues.localDate(rs, "due_date"), detail, reasons, attributes(rs.getString("attributes")));
                }, eventSource, eventId);
        return jdbc.query("select event_type, received_at, rule_set_version from processed_event where event_source = ? and event_id = ?",
                (rs, i) -> new EventOutcome(eventId, eventSource, rs.getString("event_type"), EventOutcome.Status.APPLIED,
                        rs.getString("rule_set_version"), JdbcValues.instant(rs, "received_at"),
                        decisions.stream().sorted(ORDER).toList(), null, false), eventSource, eventId).stream().findFirst();
    }
}
