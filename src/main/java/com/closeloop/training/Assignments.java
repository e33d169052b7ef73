package com.closeloop.training;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.closeloop.JdbcValues;
import com.closeloop.audit.AuditTrail;
import com.closeloop.ingest.EventContext;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Training assignments, written in JDBC batches (a revision may fan out to thousands). At most one OPEN
 * assignment per employee × document is guaranteed by the unique {@code open_key}.
 */
@Component
public class Assignments {

    private static RowMapper<AssignmentView> view(LocalDate today) {
        return (rs, i) -> {
            LocalDate due = JdbcValues.localDate(rs, "due_date");
            String status = rs.getString("status");
            LocalDate originalDue = JdbcValues.localDate(rs, "original_due_date");
            return new AssignmentView(rs.getString("assignment_id"), rs.getString("employee_id"), rs.getString("document_number"),
                    rs.getString("version"), JdbcValues.localDate(rs, "effective_date"), due, status, rs.getString("reason"),
                    JdbcValues.instant(rs, "assigned_at"), JdbcValues.instant(rs, "completed_at"), rs.getString("completion_id"),
                    JdbcValues.instant(rs, "closed_at"), rs.getString("closed_reason"), rs.getString("superseded_by"),
                    originalDue == null ? due : originalDue, originalDue != null && !originalDue.equals(due),
                    "OPEN".equals(status) && today.isAfter(due), rs.getString("rule_name"),
                    rs.getString("rule_set_version"), rs.getString("source_event_id"), rs.getString("source_event_source"),
                    rs.getString("completed_by_document") == null ? null : new AssignmentView.CompletedBy("EQUIVALENT",
                            rs.getString("completed_by_document"), rs.getString("completed_by_version")));
        };
    }

    private final JdbcTemplate jdbc;
    private final AuditTrail audit;

    Assignments(JdbcTemplate jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** A new OPEN assignment about to be written. */
    record NewAssignment(String assignmentId, String employeeId, String documentNumber, String version, int versionSeq,
            LocalDate effectiveDate, LocalDate dueDate, String reason, String ruleName, LocalDate originalDueDate) {
    }

    /** A transition of an OPEN assignment to a closed status. */
    record Closing(String assignmentId, String status, String closedReason, String supersededBy, String completionId,
            Instant completedAt, String completedByDocument, String completedByVersion) {

        Closing(String assignmentId, String status, String closedReason, String supersededBy, String completionId, Instant completedAt) {
            this(assignmentId, status, closedReason, supersededBy, completionId, completedAt, null, null);
        }
    }

    /**
     * Writes new OPEN assignments set-based: assignments that differ only by employee (a revision's fan-out)
     * go in one {@code INSERT ... SELECT ... FROM UNNEST(ids, employees)} statement, so 5,000 rows cost one
     * round trip and no per-row parameter binding. Works unchanged on PostgreSQL and H2.
     */
    void insert(List<NewAssignment> assignments, EventContext context) {
        if (assignments.isEmpty()) {
            return;
        }
        var assignedAt = JdbcValues.utc(context.eventTime());
        var createdAt = JdbcValues.utc(context.receivedAt());
        String ruleSetVersion = context.rules().version();
        Map<Group, List<NewAssignment>> groups = new LinkedHashMap<>();
        Map<String, Map<String, Object>> created = new LinkedHashMap<>();
        for (NewAssignment a : assignments) {
            groups.computeIfAbsent(Group.of(a), g -> new ArrayList<>()).add(a);
            created.put(a.assignmentId(), AuditTrail.values("employeeId", a.employeeId(), "documentNumber", a.documentNumber(),
                    "version", a.version(), "effectiveDate", a.effectiveDate(), "dueDate", a.dueDate(), "originalDueDate", a.originalDueDate(), "status", "OPEN", "reason",
                    a.reason(), "assignedAt", context.eventTime(), "ruleName", a.ruleName(), "ruleSetVersion", ruleSetVersion));
        }
        if (created.size() == 1) {
            var only = created.entrySet().iterator().next();
            audit.record("assignment", only.getKey(), "CREATED", null, only.getValue());
        } else {
            audit.recordMany("assignment", "CREATED", created); // one entry for a fan-out, linked to every assignment
        }
        for (Map.Entry<Group, List<NewAssignment>> entry : groups.entrySet()) {
            Group g = entry.getKey();
            String[] ids = entry.getValue().stream().map(NewAssignment::assignmentId).toArray(String[]::new);
            String[] employees = entry.getValue().stream().map(NewAssignment::employeeId).toArray(String[]::new);
            jdbc.update(connection -> {
                var ps = connection.prepareStatement(INSERT_SET);
                ps.setString(1, g.documentNumber());
                ps.setString(2, g.version());
                ps.setInt(3, g.versionSeq());
                ps.setDate(4, JdbcValues.date(g.effectiveDate()));
                ps.setDate(5, JdbcValues.date(g.dueDate()));
                ps.setString(6, g.reason());
                ps.setObject(7, assignedAt);
                ps.setString(8, g.documentNumber());
                ps.setString(9, g.ruleName());
                ps.setString(10, ruleSetVersion);
                ps.setString(11, context.id());
                ps.setString(12, context.source());
                ps.setObject(13, createdAt);
                ps.setDate(14, JdbcValues.date(g.originalDueDate()));
                ps.setArray(15, connection.createArrayOf("varchar", ids));
                ps.setArray(16, connection.createArrayOf("varchar", employees));
                return ps;
            });
        }
    }

    private static final String INSERT_SET = "insert into training_assignment (assignment_id, employee_id, document_number, version,"
            + " version_seq, effective_date, due_date, status, reason, assigned_at, open_key, rule_name, rule_set_version,"
            + " source_event_id, source_event_source, created_at, original_due_date)"
            + " select u.assignment_id, u.employee_id, ?, ?, ?, ?, ?, 'OPEN', ?, ?, u.employee_id || '|' || ?, ?, ?, ?, ?, ?, cast(? as date)"
            + " from unnest(cast(? as varchar array), cast(? as varchar array)) as u(assignment_id, employee_id)";

    /** What the assignments of one statement share. */
    private record Group(String documentNumber, String version, int versionSeq, LocalDate effectiveDate, LocalDate dueDate,
            String reason, String ruleName, LocalDate originalDueDate) {

        static Group of(NewAssignment a) {
            return new Group(a.documentNumber(), a.version(), a.versionSeq(), a.effectiveDate(), a.dueDate(), a.reason(), a.ruleName(),
                    a.originalDueDate());
        }
    }

    /**
     * Closes OPEN assignments. Every one must still be OPEN: if a concurrent event closed one first, the
     * whole event is retried on fresh facts.
     */
    void close(List<Closing> closings, Instant closedAt) {
        if (closings.isEmpty()) {
            return;
        }
        var at = JdbcValues.utc(closedAt);
        int[][] counts = jdbc.batchUpdate("update training_assignment set status = ?, open_key = null, closed_at = ?, closed_reason = ?,"
                + " superseded_by = ?, completion_id = ?, completed_at = ?, completed_by_document = ?, completed_by_version = ?"
                + " where assignment_id = ? and status = 'OPEN'", closings, 1000,
                (ps, c) -> {
                    ps.setString(1, c.status());
                    ps.setObject(2, at);
                    ps.setString(3, c.closedReason());
                    ps.setString(4, c.supersededBy());
                    ps.setString(5, c.completionId());
                    ps.setObject(6, JdbcValues.utc(c.completedAt()));
                    ps.setString(7, c.completedByDocument());
                    ps.setString(8, c.completedByVersion());
                    ps.setString(9, c.assignmentId());
                });
        for (int[] batch : counts) {
            for (int n : batch) {
                if (n == 0) {
                    throw new OptimisticLockingFailureException("an assignment was closed concurrently");
                }
            }
        }
        for (Closing c : closings) {
            audit.record("assignment", c.assignmentId(), c.status(), AuditTrail.values("status", "OPEN"), AuditTrail.values("status",
                    c.status(), "closedAt", closedAt, "closedReason", c.closedReason(), "supersededBy", c.supersededBy(), "completionId",
                    c.completionId(), "completedAt", c.completedAt(), "completedByDocument", c.completedByDocument(), "completedByVersion",
                    c.completedByVersion()));
        }
    }

    public List<AssignmentView> ofEmployee(String employeeId, String status, LocalDate today) {
        List<Object> args = new ArrayList<>();
        args.add(employeeId);
        String sql = "select * from training_assignment where employee_id = ?";
        if (status != null) {
            sql += " and status = ?";
            args.add(status);
        }
        return jdbc.query(sql + " order by due_date, document_number, version_seq, assigned_at, assignment_id", view(today),
                args.toArray());
    }

    /** Assignments of an employee for a document that were OPEN at instant {@code at} (as-of), newest version first. */
    List<AssignmentView> openAt(String employeeId, String documentNumber, Instant at, LocalDate plantDate) {
        var t = JdbcValues.utc(at);
        return jdbc.query("select * from training_assignment where employee_id = ? and document_number = ? and assigned_at <= ?"
                + " and (closed_at is null or closed_at > ?) order by version_seq desc, assigned_at desc", view(plantDate), employeeId,
                documentNumber, t, t);
    }

    static String openKey(String employeeId, String documentNumber) {
        return employeeId + "|" + documentNumber;
    }
}
