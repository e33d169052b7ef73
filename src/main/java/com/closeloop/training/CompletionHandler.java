package com.closeloop.training;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.closeloop.RecordIds;
import java.util.stream.Collectors;

import com.closeloop.JdbcValues;
import com.closeloop.PlantClock;
import com.closeloop.audit.AuditTrail;
import com.closeloop.signatures.EventSignature;
import com.closeloop.signatures.Signatures;
import com.closeloop.facts.PlantFacts;
import com.closeloop.facts.VersionInfo;
import com.closeloop.ingest.DataReader;
import com.closeloop.ingest.EventContext;
import com.closeloop.ingest.EventHandler;
import com.closeloop.ingest.InvalidEventException;
import com.closeloop.rules.DecisionRecord;
import com.closeloop.rules.decisions.CompletionEvaluated;
import com.closeloop.rules.decisions.Decision;
import com.closeloop.rules.facts.ApplicableMethod;
import com.closeloop.rules.facts.CompletionReported;
import com.closeloop.rules.facts.Holder;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code closeloop.training.completed}: records a completion; the rules decide whether it counts as
 * evidence (by the training methods that apply) and which open assignments it completes.
 */
@Component
class CompletionHandler implements EventHandler<CompletionHandler.TrainingCompleted> {

    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    record TrainingCompleted(String employeeId, String documentNumber, String version, OffsetDateTime completedAt,
            TrainingMethod method, BigDecimal score, String verifiedBy, EventSignature signature) {
    }

    private final PlantFacts facts;
    private final TrainingDecisions decisions;
    private final JdbcTemplate jdbc;
    private final PlantClock clock;
    private final AuditTrail audit;
    private final Signatures signatures;

    CompletionHandler(PlantFacts facts, TrainingDecisions decisions, JdbcTemplate jdbc, PlantClock clock, AuditTrail audit,
            Signatures signatures) {
        this.audit = audit;
        this.signatures = signatures;
        this.facts = facts;
        this.decisions = decisions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public String type() {
        return "closeloop.training.completed";
    }

    @Override
    public TrainingCompleted read(DataReader data) {
        return new TrainingCompleted(data.code("employeeId", true), data.code("documentNumber", true), data.text("version", true, 32),
                data.instant("completedAt", true), data.enumValue("method", false, TrainingMethod.class),
                data.decimal("score", false, BigDecimal.ZERO, BigDecimal.valueOf(100)), data.text("verifiedBy", false, 64),
                EventSignature.read(data));
    }

    @Override
    public List<DecisionRecord> apply(EventContext context, TrainingCompleted completion) {
        Instant completedAt = completion.completedAt().toInstant();
        if (completedAt.isAfter(context.receivedAt().plus(FUTURE_TOLERANCE))) {
            throw InvalidEventException.malformed("completedAt", "is in the future (more than 5 minutes after receipt)");
        }
        if (!facts.employeeExists(completion.employeeId())) {
            throw InvalidEventException.unprocessable("employeeId", "unknown employee '" + completion.employeeId() + "'");
        }
        List<VersionInfo> versions = facts.versions(completion.documentNumber());
        if (versions.isEmpty()) {
            throw InvalidEventException.unprocessable("documentNumber", "unknown document '" + completion.documentNumber() + "'");
        }
        VersionInfo version = versions.stream().filter(v -> v.version().equals(completion.version())).findFirst()
                .orElseThrow(() -> InvalidEventException.unprocessable("version", "document " + completion.documentNumber()
                        + " has no approved version '" + completion.version() + "'; approved: "
                        + versions.stream().map(VersionInfo::version).collect(Collectors.joining(", "))));

        LocalDate completedOn = clock.dateOf(completedAt);
        Set<String> heldCodes = facts.holdingsOf(completion.employeeId(), completedOn).stream().map(Holder::jobFunctionCode)
                .collect(Collectors.toSet());
        // the versions this course version satisfies through an equivalence declared by the completion's time: one per
        // document (the latest version if several), each judged by that document's own evidence rules
        Map<String, EquivalenceHandler.SatisfiedVersion> satisfied = new LinkedHashMap<>();
        EquivalenceHandler.satisfiedBy(jdbc, completion.documentNumber(), version.version(), completedAt)
                .forEach(v -> satisfied.merge(v.documentNumber(), v, (a, b) -> b.seq() > a.seq() ? b : a));
        List<Object> ruleFacts = new ArrayList<>();
        ruleFacts.add(reported(completion, completion.documentNumber(), version.category(), version.version(), version.seq()));
        for (EquivalenceHandler.SatisfiedVersion v : satisfied.values()) {
            ruleFacts.add(reported(completion, v.documentNumber(), v.category(), v.version(), v.seq()));
        }
        Set<String> documents = new java.util.TreeSet<>(satisfied.keySet());
        documents.add(completion.documentNumber());
        facts.mappingsOfDocuments(documents).stream()
                .filter(m -> heldCodes.contains(m.jobFunctionCode()))
                .map(m -> new ApplicableMethod(completion.employeeId(), m.documentNumber(), m.trainingMethod()))
                .distinct()
                .forEach(ruleFacts::add);
        facts.openAssignmentsOf(completion.employeeId()).stream()
                .filter(a -> documents.contains(a.documentNumber()))
                .forEach(ruleFacts::add);

        List<Decision> made = context.rules().decide(ruleFacts);
        Map<String, TrainingDecisions.CompletionRef> refs = new LinkedHashMap<>();
        String completionId = store(context, completion, completion.documentNumber(), version.version(), version.seq(),
                evaluation(made, completion.documentNumber()), null, null);
        refs.put(completion.documentNumber(), new TrainingDecisions.CompletionRef(completionId, completedAt));
        signatures.recordFromEvent("completion", completionId, completion.signature(), context);
        for (EquivalenceHandler.SatisfiedVersion v : satisfied.values()) {
            String derived = store(context, completion, v.documentNumber(), v.version(), v.seq(), evaluation(made, v.documentNumber()),
                    completionId, v.equivalenceId());
            refs.put(v.documentNumber(), new TrainingDecisions.CompletionRef(derived, completedAt, completion.documentNumber(),
                    version.version()));
        }
        return decisions.applyCompletions(context, made, refs);
    }

    private static CompletionReported reported(TrainingCompleted completion, String documentNumber, String category, String version,
            int seq) {
        return new CompletionReported(completion.employeeId(), documentNumber, category, version, seq,
                completion.method() == null ? null : completion.method().name(),
                completion.score() == null ? null : completion.score().doubleValue(), completion.verifiedBy());
    }

    private static CompletionEvaluated evaluation(List<Decision> made, String documentNumber) {
        return made.stream().filter(CompletionEvaluated.class::isInstance).map(CompletionEvaluated.class::cast)
                .filter(e -> documentNumber.equals(e.documentNumber())).findFirst().orElseThrow(() -> new IllegalStateException(
                        "the rule set decided nothing about whether the completion of " + documentNumber + " counts (rules/evidence)"));
    }

    /**
     * Stores one completion: the reported one, or (with {@code equivalentOf}) the completion of a satisfied version that the
     * course completion makes, naming the course.
     */
    private String store(EventContext context, TrainingCompleted completion, String documentNumber, String version, int seq,
            CompletionEvaluated evaluation, String equivalentOf, String equivalenceId) {
        Instant completedAt = completion.completedAt().toInstant();
        String completionId = RecordIds.next();
        String viaDocument = equivalentOf == null ? null : completion.documentNumber();
        String viaVersion = equivalentOf == null ? null : completion.version();
        jdbc.update("insert into training_completion (completion_id, employee_id, document_number, version, version_seq, completed_at,"
                + " method, score, verified_by, counts, not_counting_reason, rule_name, rule_set_version, source_event_id,"
                + " source_event_source, recorded_at, equivalent_of, equivalent_document, equivalent_version, equivalence_id)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", completionId,
                completion.employeeId(), documentNumber, version, seq, JdbcValues.utc(completedAt),
                completion.method() == null ? null : completion.method().name(), completion.score(), completion.verifiedBy(),
                evaluation.counts(), evaluation.counts() ? null : evaluation.detail(), evaluation.ruleName(),
                context.rules().version(), context.id(), context.source(), JdbcValues.utc(context.receivedAt()), equivalentOf,
                viaDocument, viaVersion, equivalenceId);
        audit.record("completion", completionId, "CREATED", null, AuditTrail.values("employeeId", completion.employeeId(),
                "documentNumber", documentNumber, "version", version, "completedAt", completedAt, "method",
                completion.method() == null ? null : completion.method().name(), "score", completion.score(), "verifiedBy",
                completion.verifiedBy(), "counts", evaluation.counts(), "notCountingReason", evaluation.counts() ? null
                        : evaluation.detail(), "equivalentOf", equivalentOf, "equivalentDocument", viaDocument, "equivalentVersion",
                viaVersion, "equivalenceId", equivalenceId, "ruleName", evaluation.ruleName(), "ruleSetVersion",
                context.rules().version()));
        return completionId;
    }
}
