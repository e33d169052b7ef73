package com.closeloop.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.closeloop.JdbcValues;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /api/decisions?eventId=…[&source=…]}: what the rules decided for an event, and why (decision provenance). */
@RestController
class DecisionsController {

    record DecisionView(String kind, String ruleName, String ruleSetVersion, String employeeId, String documentNumber, String version,
            String jobFunctionCode, String assignmentId, LocalDate dueDate, String detail, Instant decidedAt) {
    }

    record EventDecisions(String eventId, String source, String type, Instant eventTime, Instant receivedAt, String payloadSha256,
            List<DecisionView> decisions) {
    }

    private final JdbcTemplate jdbc;

    DecisionsController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/api/decisions")
    List<EventDecisions> decisions(@RequestParam String eventId, @RequestParam(required = false) String source) {
        List<Object> args = new ArrayList<>(List.of(eventId));
        String where = " where event_id = ?";
        if (source != null) {
            where += " and event_source = ?";
            args.add(source);
        }
        List<EventDecisions> events = jdbc.query("select event_source, event_id, event_type, event_time, received_at, payload_sha256"
                + " from processed_event" + where + " order by event_source", (rs, i) -> new EventDecisions(rs.getString("event_id"),
                        rs.getString("event_source"), rs.getString("event_type"), JdbcValues.instant(rs, "event_time"),
                        JdbcValues.instant(rs, "received_at"), rs.getString("payload_sha256"), null), args.toArray());
        if (events.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no accepted event with id '" + eventId + "'"
                    + (source == null ? "" : " from " + source));
        }
        return events.stream().map(e -> new EventDecisions(e.eventId(), e.source(), e.type(), e.eventTime(), e.receivedAt(),
                e.payloadSha256(), jdbc.query("select * from decision_trail where event_source = ? and event_id = ?"
                        + " order by kind, employee_id, document_number, version, assignment_id", (rs, i) -> new DecisionView(
                                rs.getString("kind"), rs.getString("rule_name"), rs.getString("rule_set_version"),
                                rs.getString("employee_id"), rs.getString("document_number"), rs.getString("version"),
                                rs.getString("job_function_code"), rs.getString("assignment_id"), JdbcValues.localDate(rs, "due_date"),
                                rs.getString("detail"), JdbcValues.instant(rs, "decided_at")), e.source(), e.eventId())))
                .toList();
    }
}
