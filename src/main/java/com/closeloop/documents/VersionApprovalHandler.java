package com.closeloop.documents;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.closeloop.JdbcValues;
import com.closeloop.audit.AuditTrail;
import com.closeloop.facts.PlantFacts;
import com.closeloop.facts.VersionInfo;
import com.closeloop.ingest.DataReader;
import com.closeloop.ingest.EventContext;
import com.closeloop.ingest.EventHandler;
import com.closeloop.ingest.InvalidEventException;
import com.closeloop.rules.DecisionRecord;
import com.closeloop.rules.decisions.Decision;
import com.closeloop.rules.decisions.RetrainingDecision;
import com.closeloop.rules.facts.MatrixMapping;
import com.closeloop.rules.facts.VersionApproved;
import com.closeloop.training.TrainingDecisions;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code closeloop.document.version.approved} (SPEC §2.1): records the version; the rules decide whether it
 * requires retraining and by when, assign every active holder of a mapped job function and supersede open
 * assignments for older versions.
 */
@Component
class VersionApprovalHandler implements EventHandler<VersionApproval> {

    private final ControlledDocuments documents;
    private final PlantFacts facts;
    private final TrainingDecisions training;
    private final JdbcTemplate jdbc;
    private final AuditTrail audit;

    VersionApprovalHandler(ControlledDocuments documents, PlantFacts facts, TrainingDecisions training, JdbcTemplate jdbc,
            AuditTrail audit) {
        this.audit = audit;
        this.documents = documents;
        this.facts = facts;
        this.training = training;
        this.jdbc = jdbc;
    }

    @Override
    public String type() {
        return "closeloop.document.version.approved";
    }

    @Override
    public VersionApproval read(DataReader data) {
        return new VersionApproval(data.code("documentNumber", true), data.text("title", true, 300), upper(data.code("category", true)),
                data.text("version", true, 32), data.enumValue("changeType", true, ChangeType.class), data.date("effectiveDate", true),
                data.text("changeControlId", false, 64), data.instant("approvedAt", false),
                data.object("trainingImpact", false, t -> new VersionApproval.TrainingImpact(t.oneOf("verdict", true, VERDICTS),
                        t.text("reason", true, 1000), t.text("decidedBy", true, 200))),
                data.integer("implementationDays", false, 0, 3650));
    }

    private static final Set<String> VERDICTS = Set.of("REQUIRED", "NOT_REQUIRED");

    @Override
    public List<DecisionRecord> apply(EventContext context, VersionApproval approval) {
        ControlledDocument document = documents.lockById(approval.documentNumber())
                .orElseGet(() -> new ControlledDocument(approval.documentNumber(), approval.title(), approval.category(),
                        context.receivedAt()));
        List<VersionInfo> approved = facts.versions(approval.documentNumber());
        if (approval.trainingImpact() != null && approved.isEmpty()) {
            throw InvalidEventException.unprocessable("trainingImpact", "a document's first version always requires training;"
                    + " a training-impact verdict may be given only on a revision");
        }
        int seq = document.admit(approval, approved, context.receivedAt());
        documents.saveAndFlush(document);

        List<MatrixMapping> mappings = facts.mappingsOfDocument(approval.documentNumber());
        Set<String> mappedCodes = new TreeSet<>();
        mappings.forEach(m -> mappedCodes.add(m.jobFunctionCode()));
        LocalDate heldFrom = later(context.eventDate(), approval.effectiveDate());
        List<Object> ruleFacts = new ArrayList<>();
        VersionApproval.TrainingImpact impact = approval.trainingImpact();
        ruleFacts.add(new VersionApproved(approval.documentNumber(), approval.category(), approval.version(), seq,
                approval.changeType().name(), approval.effectiveDate(), context.eventDate(), seq == 1,
                impact == null ? null : impact.verdict(), impact == null ? null : impact.reason(),
                impact == null ? null : impact.decidedBy(), approval.implementationDays(), VersionInfo.previousRequired(approved, seq).map(VersionInfo::seq).orElse(0)));
        ruleFacts.addAll(mappings);
        ruleFacts.addAll(facts.holders(mappedCodes, heldFrom));
        ruleFacts.addAll(facts.openAssignmentsOfDocument(approval.documentNumber()));
        ruleFacts.addAll(facts.countingCompletionsOfDocument(approval.documentNumber()));

        List<Decision> decisions = context.rules().decide(ruleFacts);
        RetrainingDecision retraining = decisions.stream().filter(RetrainingDecision.class::isInstance)
                .map(RetrainingDecision.class::cast).findFirst()
                .orElse(RetrainingDecision.notRequired(approval.documentNumber(), approval.version(), "no rule decided retraining",
                        "(no rule matched)"));
        jdbc.update("insert into document_version (document_number, version, seq, title, category, change_type, effective_date,"
                + " change_control_id, approved_at, recorded_at, retraining_required, retraining_due_date, rule_name, rule_set_version,"
                + " source_event_id, source_event_source, training_impact, training_impact_reason, training_impact_decided_by,"
                + " implementation_days, approved_event_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                approval.documentNumber(), approval.version(), seq, approval.title(), approval.category(), approval.changeType().name(),
                JdbcValues.date(approval.effectiveDate()), approval.changeControlId(),
                approval.approvedAt() == null ? null : JdbcValues.utc(approval.approvedAt().toInstant()),
                JdbcValues.utc(context.receivedAt()), retraining.required(), JdbcValues.date(retraining.dueDate()), retraining.ruleName(),
                context.rules().version(), context.id(), context.source(), impact == null ? null : impact.verdict(),
                impact == null ? null : impact.reason(), impact == null ? null : impact.decidedBy(), approval.implementationDays(),
                JdbcValues.utc(context.eventTime()));
        audit.record("document-version", approval.documentNumber() + "/" + approval.version(), "APPROVED", null, AuditTrail.values(
                "documentNumber", approval.documentNumber(), "version", approval.version(), "seq", seq, "title", approval.title(),
                "category", approval.category(), "changeType", approval.changeType().name(), "effectiveDate", approval.effectiveDate(),
                "changeControlId", approval.changeControlId(), "approvedAt", approval.approvedAt() == null ? null
                        : approval.approvedAt().toInstant(), "retrainingRequired", retraining.required(), "retrainingDueDate",
                retraining.dueDate(), "trainingImpact", impact == null ? null : impact.verdict(), "trainingImpactReason",
                impact == null ? null : impact.reason(), "trainingImpactDecidedBy", impact == null ? null : impact.decidedBy(),
                "implementationDays", approval.implementationDays(), "ruleName", retraining.ruleName(), "ruleSetVersion",
                context.rules().version()));
        return training.apply(context, decisions);
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static String upper(String code) {
        return code == null ? null : code.toUpperCase(java.util.Locale.ROOT);
    }
}
