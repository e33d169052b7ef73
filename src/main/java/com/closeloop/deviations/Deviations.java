package com.closeloop.deviations;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.closeloop.JdbcValues;
import com.closeloop.audit.AuditTrail;
import com.closeloop.ingest.EventContext;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Deviations and the training-gap findings made when they were reported. */
@Component
public class Deviations {

    private final JdbcTemplate jdbc;
    private final AuditTrail audit;

    Deviations(JdbcTemplate jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public boolean exists(String deviationId) {
        Integer n = jdbc.queryForObject("select count(*) from deviation where deviation_id = ?", Integer.class, deviationId);
        return n != null && n > 0;
    }

    void insert(DeviationReported deviation, EventContext context) {
        jdbc.update("insert into deviation (deviation_id, occurred_at, description, reported_at, source_event_id, source_event_source)"
                + " values (?, ?, ?, ?, ?, ?)", deviation.deviationId(), JdbcValues.utc(deviation.occurredAt().toInstant()),
                deviation.description(), JdbcValues.utc(context.receivedAt()), context.id(), context.source());
        audit.record("deviation", deviation.deviationId(), "CREATED", null, AuditTrail.values("deviationId", deviation.deviationId(),
                "occurredAt", deviation.occurredAt().toInstant(), "description", deviation.description(), "reportedAt",
                context.receivedAt()));
    }

    void insertFindings(String deviationId, List<TrainingGap> gaps) {
        audit.record("deviation", deviationId, "FINDINGS_RECORDED", null, AuditTrail.values("findings", gaps.stream()
                .map(g -> AuditTrail.values("employeeId", g.employeeId(), "documentNumber", g.documentNumber(), "effectiveVersion",
                        g.effectiveVersion(), "requiredVersion", g.requiredVersion(), "completedVersion", g.completedVersion(),
                        "completedAt", g.completedAt(), "finding", g.finding(), "ruleName", g.ruleName(), "ruleSetVersion",
                        g.ruleSetVersion())).toList()));
        jdbc.batchUpdate("insert into deviation_finding (deviation_id, employee_id, document_number, effective_version, required_version,"
                + " completed_version, completed_at, finding, rule_name, rule_set_version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", gaps, 1000,
                (ps, g) -> {
                    ps.setString(1, deviationId);
                    ps.setString(2, g.employeeId());
                    ps.setString(3, g.documentNumber());
                    ps.setString(4, g.effectiveVersion());
                    ps.setString(5, g.requiredVersion());
                    ps.setString(6, g.completedVersion());
                    ps.setObject(7, JdbcValues.utc(g.completedAt()));
                    ps.setString(8, g.finding());
                    ps.setString(9, g.ruleName());
                    ps.setString(10, g.ruleSetVersion());
                });
    }

    List<TrainingGap> findings(String deviationId) {
        return jdbc.query("select * from deviation_finding where deviation_id = ? order by employee_id, document_number",
                (rs, i) -> new TrainingGap(rs.getString("employee_id"), rs.getString("document_number"), rs.getString("effective_version"),
                        rs.getString("required_version"), rs.getString("completed_version"), JdbcValues.instant(rs, "completed_at"),
                        rs.getString("finding"), rs.getString("rule_name"), rs.getString("rule_set_version")), deviationId);
    }

    record DeviationRow(String deviationId, Instant occurredAt, String description, Instant reportedAt, String sourceEventId,
            String sourceEventSource) {
    }

    Optional<DeviationRow> find(String deviationId) {
        return jdbc.query("select * from deviation where deviation_id = ?", (rs, i) -> new DeviationRow(rs.getString("deviation_id"),
                JdbcValues.instant(rs, "occurred_at"), rs.getString("description"), JdbcValues.instant(rs, "reported_at"),
                rs.getString("source_event_id"), rs.getString("source_event_source")), deviationId).stream().findFirst();
    }

    List<String> capasOf(String deviationId) {
        return jdbc.queryForList("select capa_id from capa where deviation_id = ? order by capa_id", String.class, deviationId);
    }
}
