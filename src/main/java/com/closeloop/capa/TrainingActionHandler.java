package com.closeloop.capa;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.closeloop.facts.PlantFacts;
import com.closeloop.facts.VersionInfo;
import com.closeloop.ingest.DataReader;
import com.closeloop.ingest.EventContext;
import com.closeloop.ingest.EventHandler;
import com.closeloop.ingest.FieldError;
import com.closeloop.ingest.InvalidEventException;
import com.closeloop.rules.DecisionRecord;
import com.closeloop.rules.facts.CapaActionAdded;
import com.closeloop.rules.facts.CapaTarget;
import com.closeloop.rules.facts.Holder;
import com.closeloop.training.TrainingDecisions;

import org.springframework.stereotype.Component;

/**
 * {@code closeloop.capa.training-action.added} (SPEC §2.3): the rules assign the action's document version (the one
 * effective when it is added) to the active holders of the named job functions and to the named employees, with the
 * action's due date; an open assignment for that version is linked to the action instead.
 */
@Component
class TrainingActionHandler implements EventHandler<TrainingActionAdded> {

    static final Set<String> VERIFICATION_KINDS = Set.of("COMPLETION", "ASSESSMENT", "SUPERVISOR");
    static final BigDecimal DEFAULT_PASS_MARK = BigDecimal.valueOf(80);

    private final Capas capas;
    private final CapaActions actions;
    private final PlantFacts facts;
    private final TrainingDecisions training;

    TrainingActionHandler(Capas capas, CapaActions actions, PlantFacts facts, TrainingDecisions training) {
        this.capas = capas;
        this.actions = actions;
        this.facts = facts;
        this.training = training;
    }

    @Override
    public String type() {
        return "closeloop.capa.training-action.added";
    }

    private record Verification(String kind, BigDecimal minScore) {
    }

    @Override
    public TrainingActionAdded read(DataReader data) {
        String capaId = data.code("capaId", true);
        String actionId = data.code("actionId", true);
        String documentNumber = data.code("documentNumber", true);
        List<String> functions = data.codes("jobFunctionCodes", false);
        List<String> employees = data.codes("employeeIds", false);
        var dueDate = data.date("dueDate", true);
        Verification verification = data.object("verification", false, v -> new Verification(
                v.oneOf("kind", true, VERIFICATION_KINDS), v.decimal("minScore", false, BigDecimal.ZERO, BigDecimal.valueOf(100))));
        if (functions != null && employees != null && functions.isEmpty() && employees.isEmpty() && data.valid()) {
            data.reject("jobFunctionCodes", "name at least one job function (jobFunctionCodes) or employee (employeeIds)");
        }
        String kind = verification == null || verification.kind() == null ? "COMPLETION" : verification.kind();
        BigDecimal minScore = verification == null ? null : verification.minScore();
        if ("ASSESSMENT".equals(kind) && minScore == null) {
            minScore = DEFAULT_PASS_MARK;
        }
        return new TrainingActionAdded(capaId, actionId, documentNumber, functions, employees, dueDate, kind, minScore);
    }

    @Override
    public List<DecisionRecord> apply(EventContext context, TrainingActionAdded action) {
        Capa capa = capas.lockById(action.capaId())
                .orElseThrow(() -> InvalidEventException.unprocessable("capaId", "unknown CAPA '" + action.capaId() + "'"));
        capa.requireOpen("capaId");
        if (actions.exists(action.capaId(), action.actionId())) {
            throw InvalidEventException.unprocessable("actionId", "CAPA " + action.capaId() + " already has an action " + action.actionId());
        }
        if (action.dueDate().isBefore(context.eventDate())) {
            throw InvalidEventException.unprocessable("dueDate", "is in the past (before " + context.eventDate() + ")");
        }
        List<VersionInfo> versions = facts.versions(action.documentNumber());
        checkReferences(action, versions);
        VersionInfo version = VersionInfo.toTrainOn(versions, context.eventDate()).orElseThrow();
        long actionKey = actions.insert(action, version.version(), version.seq(), context);

        Set<String> targets = new TreeSet<>();
        facts.holders(action.jobFunctionCodes(), context.eventDate()).stream().map(Holder::employeeId).forEach(targets::add);
        targets.addAll(facts.activeEmployees(action.employeeIds()));
        List<Object> ruleFacts = new ArrayList<>();
        ruleFacts.add(new CapaActionAdded(action.capaId(), action.actionId(), action.documentNumber(), version.category(),
                version.version(), version.seq(), version.effectiveDate(), action.dueDate()));
        targets.forEach(e -> ruleFacts.add(new CapaTarget(action.capaId(), action.actionId(), e)));
        facts.openAssignmentsOfDocument(action.documentNumber()).stream().filter(a -> targets.contains(a.employeeId()))
                .forEach(ruleFacts::add);

        List<DecisionRecord> records = training.apply(context, context.rules().decide(ruleFacts));
        String reason = "CAPA " + action.capaId() + "/" + action.actionId();
        List<CapaActions.Assignee> assignees = new ArrayList<>();
        for (DecisionRecord record : records) {
            if ("ASSIGN".equals(record.kind()) && reason.equals(record.detail())) {
                assignees.add(new CapaActions.Assignee(action.actionId(), record.employeeId(), record.assignmentId(), false, null));
            } else if ("LINK".equals(record.kind())) {
                assignees.add(new CapaActions.Assignee(action.actionId(), record.employeeId(), record.assignmentId(), true, null));
            }
        }
        actions.link(action.capaId(), action.actionId(), actionKey, assignees);
        return records;
    }

    private void checkReferences(TrainingActionAdded action, List<VersionInfo> versions) {
        List<FieldError> errors = new ArrayList<>();
        if (versions.isEmpty()) {
            errors.add(new FieldError("documentNumber", "unknown document '" + action.documentNumber() + "'"));
        }
        errors.addAll(FieldError.unknown("jobFunctionCodes", "", action.jobFunctionCodes(),
                facts.existingJobFunctions(action.jobFunctionCodes()), "job function"));
        errors.addAll(FieldError.unknown("employeeIds", "", action.employeeIds(), facts.existingEmployees(action.employeeIds()),
                "employee"));
        if (!errors.isEmpty()) {
            throw new InvalidEventException(errors, true);
        }
    }

}
