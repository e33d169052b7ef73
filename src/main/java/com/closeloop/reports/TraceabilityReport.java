package com.closeloop.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.closeloop.JdbcValues;
import com.closeloop.audit.AuditLog;
import com.closeloop.capa.CapaViews;
import com.closeloop.signatures.SignatureView;
import com.closeloop.signatures.Signatures;
import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The traceability report (SPEC §2.5): a deviation → its training-gap findings → the CAPAs opened for it → their
 * training actions → the assignments they made → the completions (scores, signatures) → verification → the
 * closure decisions; every step with the rule that decided it and its audit-trail entries (sequence numbers).
 */
@Component
public class TraceabilityReport {

    public record Report(String scope, String scopeId, DeviationPart deviation, List<CapaPart> capas) {
    }

    public record DeviationPart(String deviationId, Instant occurredAt, String description, Instant reportedAt, String sourceEventId,
            List<Finding> findings, List<Long> audit) {
    }

    public record Finding(String employeeId, String documentNumber, String effectiveVersion, String requiredVersion,
            String completedVersion, Instant completedAt, String finding, String ruleName, String ruleSetVersion) {
    }

    public record CapaPart(String capaId, String title, String status, String deviationId, Instant openedAt, Instant closedAt,
            String closedBy, List<ActionPart> actions, List<ClosureDecision> closureDecisions, CapaViews.ClosureView closureCheckNow,
            List<SignatureView> closureSignatures, List<Long> audit) {
    }

    public record ActionPart(String actionId, String documentNumber, String version, LocalDate dueDate, String verification,
            BigDecimal minScore, Instant addedAt, List<AssignmentPart> assignments, List<Long> audit) {
    }

    public record AssignmentPart(String assignmentId, String employeeId, boolean linked, String status, LocalDate dueDate,
            Instant assignedAt, String ruleName, String ruleSetVersion, boolean verified, List<String> missing,
            List<CompletionPart> completions, List<Long> audit) {
    }

    public record CompletionPart(String completionId, Instant completedAt, String method, BigDecimal score, String verifiedBy,
            boolean counts, String notCountingReason, String ruleName, String ruleSetVersion, List<SignatureView> signatures,
            List<Long> audit) {
    }

    public record ClosureDecision(long auditEntry, Instant decidedAt, String requestedBy, String decision, List<String> reasons,
            String ruleName, String ruleSetVersion, String eventId) {
    }

    private final JdbcTemplate jdbc;
    private final CapaViews capas;
    private final Signatures signatures;
    private final AuditLog audit;

    TraceabilityReport(JdbcTemplate jdbc, CapaViews capas, Signatures signatures, AuditLog audit) {
        this.jdbc = jdbc;
        this.capas = capas;
        this.signatures = signatures;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public Optional<Report> ofDeviation(String deviationId) {
        Optional<DeviationPart> deviation = deviation(deviationId);
        if (deviation.isEmpty()) {
            return Optional.empty();
        }
        List<CapaPart> parts = new ArrayList<>();
        for (String capaId : capas.ofDeviation(deviationId)) {
            capa(capaId).ifPresent(parts::add);
        }
        return Optional.of(new Report("deviation", deviationId, deviation.get(), parts));
    }

    @Transactional(readOnly = true)
    public Optional<Report> ofCapa(String capaId) {
        return capa(capaId).map(capa -> new Report("capa", capaId, capa.deviationId() == null ? null
                : deviation(capa.deviationId()).orElse(null), List.of(capa)));
    }

    /** The deviation a CAPA was opened for, if any. */
    public Optional<String> deviationOf(String capaId) {
        return jdbc.queryForList("select deviation_id from capa where capa_id = ?", String.class, capaId).stream()
                .filter(java.util.Objects::nonNull).findFirst();
    }

    private Optional<DeviationPart> deviation(String deviationId) {
        return jdbc.query("select * from deviation where deviation_id = ?", (rs, i) -> new DeviationPart(rs.getString("deviation_id"),
                JdbcValues.instant(rs, "occurred_at"), rs.getString("description"), JdbcValues.instant(rs, "reported_at"),
                rs.getString("source_event_id"), findings(deviationId), audit.seqsOf("deviation", deviationId)), deviationId).stream()
                .findFirst();
    }

    private List<Finding> findings(String deviationId) {
        return jdbc.query("select * from deviation_finding where deviation_id = ? order by employee_id, document_number",
                (rs, i) -> new Finding(rs.getString("employee_id"), rs.getString("document_number"), rs.getString("effective_version"),
                        rs.getString("required_version"), rs.getString("completed_version"), JdbcValues.instant(rs, "completed_at"),
                        rs.getString("finding"), rs.getString("rule_name"), rs.getString("rule_set_version")), deviationId);
    }

    private Optional<CapaPart> capa(String capaId) {
        return capas.find(capaId).map(view -> {
            List<ActionPart> actions = new ArrayList<>();
            for (CapaViews.ActionView action : view.actions()) {
                List<AssignmentPart> assignments = new ArrayList<>();
                for (CapaViews.AssigneeView assignee : action.assignees()) {
                    assignments.add(assignment(assignee, action));
                }
                actions.add(new ActionPart(action.actionId(), action.documentNumber(), action.version(), action.dueDate(),
                        action.verification().kind(), action.verification().minScore(), action.addedAt(), assignments,
                        audit.seqsOf("capa-action", capaId + "/" + action.actionId())));
            }
            return new CapaPart(view.capaId(), view.title(), view.status(), view.deviationId(), view.openedAt(), view.closedAt(),
                    view.closedBy(), actions, closureDecisions(capaId), view.closure(), signatures.of("capa-closure", List.of(capaId)),
                    audit.seqsOf("capa", capaId));
        });
    }

    private AssignmentPart assignment(CapaViews.AssigneeView assignee, CapaViews.ActionView action) {
        Map<String, Object> row = jdbc.queryForMap("select * from training_assignment where assignment_id = ?", assignee.assignmentId());
        List<CompletionPart> completions = jdbc.query("select * from training_completion where employee_id = ? and document_number = ?"
                + " and completed_at >= ? order by completed_at, completion_id", (rs, i) -> {
                    String id = rs.getString("completion_id");
                    return new CompletionPart(id, JdbcValues.instant(rs, "completed_at"), rs.getString("method"), rs.getBigDecimal("score"),
                            rs.getString("verified_by"), rs.getBoolean("counts"), rs.getString("not_counting_reason"),
                            rs.getString("rule_name"), rs.getString("rule_set_version"), signatures.of("completion", List.of(id)),
                            audit.seqsOf("completion", id));
                }, assignee.employeeId(), action.documentNumber(), JdbcValues.utc(action.addedAt()));
        return new AssignmentPart(assignee.assignmentId(), assignee.employeeId(), assignee.linked(), assignee.assignmentStatus(),
                ((java.sql.Date) row.get("due_date")).toLocalDate(), JdbcValues.instant(row.get("assigned_at")), (String) row.get("rule_name"),
                (String) row.get("rule_set_version"), assignee.missing().isEmpty(), assignee.missing(), completions,
                audit.seqsOf("assignment", assignee.assignmentId()));
    }

    private List<ClosureDecision> closureDecisions(String capaId) {
        List<ClosureDecision> decisions = new ArrayList<>();
        for (var entry : audit.find(new AuditLog.Query("capa", capaId, null, null, null, null, 0, 10_000))) {
            if (!"CLOSURE_REQUESTED".equals(entry.action())) {
                continue;
            }
            JsonNode v = entry.newValues();
            List<String> reasons = new ArrayList<>();
            v.path("reasons").forEach(r -> reasons.add(r.asText()));
            decisions.add(new ClosureDecision(entry.seq(), entry.eventTime(), v.path("requestedBy").asText(null),
                    v.path("decision").asText(null), reasons, v.path("ruleName").asText(null), v.path("ruleSetVersion").asText(null),
                    entry.eventId()));
        }
        return decisions;
    }

}
