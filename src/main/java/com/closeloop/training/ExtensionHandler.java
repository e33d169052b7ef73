package com.closeloop.training;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.closeloop.JdbcValues;
import com.closeloop.RecordIds;
import com.closeloop.audit.AuditTrail;
import com.closeloop.ingest.DataReader;
import com.closeloop.ingest.EventContext;
import com.closeloop.ingest.EventHandler;
import com.closeloop.ingest.InvalidEventException;
import com.closeloop.rules.DecisionRecord;
import com.closeloop.rules.decisions.ExtensionDecision;
import com.closeloop.rules.facts.ExtensionRequested;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code closeloop.assignment.extension.requested} (SPEC §2b.12, §4a "Extension"): answered like a closure request —
 * {@code APPLIED} with {@code EXTENSION_ALLOWED} (the due date moves; the first due date is kept as {@code originalDueDate})
 * or {@code EXTENSION_REFUSED} naming the violated limit. Unknown or no longer OPEN assignments are invalid input.
 */
@Component
class ExtensionHandler implements EventHandler<ExtensionHandler.Request> {

    record Request(String assignmentId, LocalDate newDueDate, String reason, String requestedBy) {
    }

    private record Current(String employeeId, String documentNumber, String version, String status, LocalDate dueDate,
            LocalDate originalDueDate) {
    }

    private final JdbcTemplate jdbc;
    private final AuditTrail audit;

    ExtensionHandler(JdbcTemplate jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Override
    public String type() {
        return "closeloop.assignment.extension.requested";
    }

    @Override
    public Request read(DataReader data) {
        return new Request(data.code("assignmentId", true), data.date("newDueDate", true), data.text("reason", true, 1000),
                data.text("requestedBy", true, 200));
    }

    @Override
    public List<DecisionRecord> apply(EventContext context, Request request) {
        // locks the assignment: two requests for one assignment are judged one after the other
        List<Current> rows = jdbc.query("select employee_id, document_number, version, status, due_date, original_due_date"
                + " from training_assignment where assignment_id = ? for update", (rs, i) -> new Current(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), JdbcValues.localDate(rs, "due_date"), JdbcValues.localDate(rs, "original_due_date")),
                request.assignmentId());
        if (rows.isEmpty()) {
            throw InvalidEventException.unprocessable("assignmentId", "unknown assignment '" + request.assignmentId() + "'");
        }
        Current a = rows.get(0);
        if (!"OPEN".equals(a.status())) {
            throw InvalidEventException.unprocessable("assignmentId", "assignment '" + request.assignmentId() + "' is " + a.status()
                    + "; only OPEN assignments can be extended");
        }
        LocalDate due = a.dueDate();
        String category = jdbc.queryForObject("select category from controlled_document where document_number = ?", String.class,
                a.documentNumber());
        Integer allowedBefore = jdbc.queryForObject("select count(*) from assignment_extension where assignment_id = ? and allowed",
                Integer.class, request.assignmentId());
        LocalDate capaDue = jdbc.query("select ca.due_date from capa_action_assignee x join capa_action ca"
                + " on ca.action_key = x.action_key where x.assignment_id = ? order by ca.due_date", (rs, i) -> JdbcValues.localDate(rs,
                        "due_date"), request.assignmentId()).stream().findFirst().orElse(null);
        ExtensionRequested fact = new ExtensionRequested(request.assignmentId(), a.employeeId(), a.documentNumber(), a.version(),
                category, due, request.newDueDate(),
                ChronoUnit.DAYS.between(due, request.newDueDate()), allowedBefore == null ? 0 : allowedBefore, capaDue);
        ExtensionDecision decision = context.rules().decide(List.of(fact)).stream().filter(ExtensionDecision.class::isInstance)
                .map(ExtensionDecision.class::cast).findFirst().orElseThrow(() -> new IllegalStateException(
                        "the rule set decided nothing about the extension request (rules/extensions)"));
        jdbc.update("insert into assignment_extension (extension_id, assignment_id, requested_by, reason, previous_due_date,"
                + " requested_due_date, allowed, refusal, rule_name, rule_set_version, requested_at, source_event_id, source_event_source)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", RecordIds.next(), request.assignmentId(), request.requestedBy(),
                request.reason(), JdbcValues.date(due), JdbcValues.date(request.newDueDate()), decision.allowed(), decision.detail(),
                decision.ruleName(), context.rules().version(), JdbcValues.utc(context.eventTime()), context.id(), context.source());
        if (decision.allowed()) {
            LocalDate original = a.originalDueDate() == null ? due : a.originalDueDate();
            jdbc.update("update training_assignment set due_date = ?, original_due_date = ? where assignment_id = ?",
                    JdbcValues.date(request.newDueDate()), JdbcValues.date(original), request.assignmentId());
            audit.record("assignment", request.assignmentId(), "EXTENDED", AuditTrail.values("dueDate", due), AuditTrail.values(
                    "dueDate", request.newDueDate(), "originalDueDate", original, "reason", request.reason(), "requestedBy",
                    request.requestedBy(), "ruleName", decision.ruleName(), "ruleSetVersion", context.rules().version()));
        } else {
            audit.record("assignment", request.assignmentId(), "EXTENSION_REFUSED", null, AuditTrail.values("requestedDueDate",
                    request.newDueDate(), "reason", request.reason(), "requestedBy", request.requestedBy(), "refusal",
                    decision.detail(), "ruleName", decision.ruleName(), "ruleSetVersion", context.rules().version()));
        }
        return List.of(DecisionRecord.of(decision, context.rules().version()));
    }
}
