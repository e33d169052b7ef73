package com.closeloop.rules;

import java.time.Instant;
import java.util.List;

import com.closeloop.JdbcValues;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes the decisions of one event in JDBC batches, inside the event's transaction. ASSIGN decisions are
 * not written here: the assignment row is their record (it carries rule name, rule-set version and source
 * event), which halves the rows a large fan-out writes. The view {@code decision_trail} shows both as one list.
 */
@Component
public class DecisionLog {

    private static final String INSERT = "insert into decision_record (event_source, event_id, seq, kind, rule_name, rule_set_version,"
            + " employee_id, document_number, version, job_function_code, assignment_id, due_date, detail, decided_at,"
            + " attributes) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Decisions whose record is the row they create. */
    static final String ASSIGN = "ASSIGN";

    private final JdbcTemplate jdbc;

    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public DecisionLog(JdbcTemplate jdbc, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void record(String eventSource, String eventId, List<DecisionRecord> decisions, Instant decidedAt) {
        List<DecisionRecord> rows = decisions.stream().filter(d -> !ASSIGN.equals(d.kind())).toList();
        if (rows.isEmpty()) {
            return;
        }
        var at = JdbcValues.utc(decidedAt);
        int[] seq = {0};
        jdbc.batchUpdate(INSERT, rows, 1000, (ps, d) -> {
            ps.setString(1, eventSource);
            ps.setString(2, eventId);
            ps.setInt(3, seq[0]++);
            ps.setString(4, d.kind());
            ps.setString(5, d.ruleName());
            ps.setString(6, d.ruleSetVersion());
            ps.setString(7, d.employeeId());
            ps.setString(8, d.documentNumber());
            ps.setString(9, d.version());
            ps.setString(10, d.jobFunctionCode());
            ps.setString(11, d.assignmentId());
            ps.setDate(12, JdbcValues.date(d.dueDate()));
            ps.setString(13, truncate(d.detail()));
            ps.setObject(14, at);
            ps.setString(15, attributes(d.attributes()));
        });
    }

    private String attributes(java.util.Map<String, Object> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return null;
        }
        try {
            return json.writeValueAsString(attributes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("decision attributes are not JSON: " + attributes, e);
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 10000 ? text : text.substring(0, 9997) + "...";
    }
}
