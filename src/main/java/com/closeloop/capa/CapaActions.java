package com.closeloop.capa;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.closeloop.JdbcValues;
import com.closeloop.audit.AuditTrail;
import com.closeloop.ingest.EventContext;
import com.closeloop.rules.facts.ActionAssignee;
import com.closeloop.rules.facts.CapaTrainingAction;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** CAPA training actions, what they target and whom they assigned. */
@Component
class CapaActions {

    private final JdbcTemplate jdbc;
    private final AuditTrail audit;

    CapaActions(JdbcTemplate jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** A training action as recorded. */
    record Action(long key, String capaId, String actionId, String documentNumber, String version, int versionSeq, LocalDate dueDate,
            String verificationKind, BigDecimal minScore, Instant addedAt, List<String> jobFunctionCodes, List<String> employeeIds) {

        CapaTrainingAction fact() {
            return new CapaTrainingAction(capaId, actionId, documentNumber, version, versionSeq, verificationKind,
                    minScore == null ? null : minScore.doubleValue(), addedAt);
        }
    }

    /** An employee an action assigned, and the assignment that carries it. */
    record Assignee(String actionId, String employeeId, String assignmentId, boolean linked, String assignmentStatus) {
    }

    boolean exists(String capaId, String actionId) {
        Integer n = jdbc.queryForObject("select count(*) from capa_action where capa_id = ? and action_id = ?", Integer.class, capaId,
                actionId);
        return n != null && n > 0;
    }

    long insert(TrainingActionAdded action, String version, int versionSeq, EventContext context) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            var ps = connection.prepareStatement("insert into capa_action (capa_id, action_id, document_number, version, version_seq,"
                    + " due_date, verification_kind, min_score, added_at, source_event_id, source_event_source)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] { "action_key" });
            ps.setString(1, action.capaId());
            ps.setString(2, action.actionId());
            ps.setString(3, action.documentNumber());
            ps.setString(4, version);
            ps.setInt(5, versionSeq);
            ps.setDate(6, JdbcValues.date(action.dueDate()));
            ps.setString(7, action.verificationKind());
            ps.setBigDecimal(8, action.minScore());
            ps.setObject(9, JdbcValues.utc(context.eventTime()));
            ps.setString(10, context.id());
            ps.setString(11, context.source());
            return ps;
        }, key);
        long actionKey = key.getKey().longValue();
        insertTargets(actionKey, "JOB_FUNCTION", action.jobFunctionCodes());
        insertTargets(actionKey, "EMPLOYEE", action.employeeIds());
        audit.record("capa-action", action.capaId() + "/" + action.actionId(), "CREATED", null, AuditTrail.values("capaId",
                action.capaId(), "actionId", action.actionId(), "documentNumber", action.documentNumber(), "version", version,
                "dueDate", action.dueDate(), "verificationKind", action.verificationKind(), "minScore", action.minScore(), "addedAt",
                context.eventTime(), "jobFunctionCodes", action.jobFunctionCodes().stream().distinct().sorted().toList(), "employeeIds",
                action.employeeIds().stream().distinct().sorted().toList()));
        return actionKey;
    }

    private void insertTargets(long actionKey, String kind, List<String> ids) {
        jdbc.batchUpdate("insert into capa_action_target (action_key, target_kind, target_id) values (?, ?, ?)",
                ids.stream().distinct().toList(), 500, (ps, id) -> {
                    ps.setLong(1, actionKey);
                    ps.setString(2, kind);
                    ps.setString(3, id);
                });
    }

    void link(String capaId, String actionId, long actionKey, List<Assignee> assignees) {
        if (!assignees.isEmpty()) {
            audit.record("capa-action", capaId + "/" + actionId, "ASSIGNEES_ADDED", null, AuditTrail.values("assignees",
                    assignees.stream().map(a -> AuditTrail.values("employeeId", a.employeeId(), "assignmentId", a.assignmentId(),
                            "linked", a.linked())).toList()));
        }
        jdbc.batchUpdate("insert into capa_action_assignee (action_key, employee_id, assignment_id, linked) values (?, ?, ?, ?)",
                assignees, 1000, (ps, a) -> {
                    ps.setLong(1, actionKey);
                    ps.setString(2, a.employeeId());
                    ps.setString(3, a.assignmentId());
                    ps.setBoolean(4, a.linked());
                });
    }

    List<Action> ofCapa(String capaId) {
        return jdbc.query("select * from capa_action where capa_id = ? order by added_at, action_id", (rs, i) -> {
            long key = rs.getLong("action_key");
            return new Action(key, rs.getString("capa_id"), rs.getString("action_id"), rs.getString("document_number"),
                    rs.getString("version"), rs.getInt("version_seq"), JdbcValues.localDate(rs, "due_date"),
                    rs.getString("verification_kind"), rs.getBigDecimal("min_score"), JdbcValues.instant(rs, "added_at"),
                    targets(key, "JOB_FUNCTION"), targets(key, "EMPLOYEE"));
        }, capaId);
    }

    private List<String> targets(long actionKey, String kind) {
        return jdbc.queryForList("select target_id from capa_action_target where action_key = ? and target_kind = ? order by target_id",
                String.class, actionKey, kind);
    }

    List<Assignee> assigneesOf(String capaId) {
        return jdbc.query("select a.action_id, x.employee_id, x.assignment_id, x.linked, t.status from capa_action_assignee x"
                + " join capa_action a on a.action_key = x.action_key join training_assignment t on t.assignment_id = x.assignment_id"
                + " where a.capa_id = ? order by a.action_id, x.employee_id",
                (rs, i) -> new Assignee(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5)), capaId);
    }

    static List<ActionAssignee> facts(String capaId, List<Assignee> assignees) {
        return assignees.stream().map(a -> new ActionAssignee(capaId, a.actionId(), a.employeeId())).toList();
    }
}
