package com.closeloop.deviations;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.closeloop.PlantClock;
import com.closeloop.facts.PlantFacts;
import com.closeloop.facts.VersionInfo;
import com.closeloop.ingest.DataReader;
import com.closeloop.ingest.EventContext;
import com.closeloop.ingest.EventHandler;
import com.closeloop.ingest.FieldError;
import com.closeloop.ingest.InvalidEventException;
import com.closeloop.rules.DecisionRecord;
import com.closeloop.rules.decisions.Decision;
import com.closeloop.rules.decisions.GapFinding;
import com.closeloop.rules.facts.CompletionRecord;
import com.closeloop.rules.facts.GapQuestion;
import com.closeloop.rules.facts.InMatrixAt;
import com.closeloop.rules.facts.VersionsAt;

import org.springframework.stereotype.Component;

/**
 * {@code closeloop.deviation.reported} (SPEC §2.4): stores the deviation and lets the gap-analysis rules find, for
 * every involved employee × related document, how they stood at the deviation's time. The findings are recorded
 * as decisions and served by {@code GET /api/deviations/{id}/training-gaps}.
 */
@Component
class DeviationReportedHandler implements EventHandler<DeviationReported> {

    private final Deviations deviations;
    private final PlantFacts facts;
    private final PlantClock clock;

    DeviationReportedHandler(Deviations deviations, PlantFacts facts, PlantClock clock) {
        this.deviations = deviations;
        this.facts = facts;
        this.clock = clock;
    }

    @Override
    public String type() {
        return "closeloop.deviation.reported";
    }

    @Override
    public DeviationReported read(DataReader data) {
        DeviationReported deviation = new DeviationReported(data.code("deviationId", true), data.instant("occurredAt", true),
                data.text("description", false, 4000), data.codes("involvedEmployeeIds", true), data.codes("documentNumbers", true));
        if (deviation.involvedEmployeeIds() != null && deviation.involvedEmployeeIds().isEmpty()) {
            data.reject("involvedEmployeeIds", "must name at least one employee");
        }
        if (deviation.documentNumbers() != null && deviation.documentNumbers().isEmpty()) {
            data.reject("documentNumbers", "must name at least one document");
        }
        return deviation;
    }

    @Override
    public List<DecisionRecord> apply(EventContext context, DeviationReported deviation) {
        Instant at = deviation.occurredAt().toInstant();
        if (at.isAfter(context.receivedAt().plus(java.time.Duration.ofMinutes(5)))) {
            throw InvalidEventException.malformed("occurredAt", "is in the future (more than 5 minutes after receipt)");
        }
        if (deviations.exists(deviation.deviationId())) {
            throw InvalidEventException.unprocessable("deviationId", "deviation " + deviation.deviationId() + " was already reported");
        }
        List<String> employees = deviation.involvedEmployeeIds().stream().distinct().toList();
        List<String> documents = deviation.documentNumbers().stream().distinct().toList();
        checkReferences(deviation, employees, documents);
        deviations.insert(deviation, context);

        LocalDate day = clock.dateOf(at);
        Map<String, VersionsAt> versions = new HashMap<>();
        List<Object> ruleFacts = new ArrayList<>();
        for (String document : documents) {
            List<VersionInfo> all = facts.versions(document);
            Optional<VersionInfo> effective = VersionInfo.effectiveOn(all, day);
            Optional<VersionInfo> required = VersionInfo.requiredOn(all, day);
            VersionsAt v = new VersionsAt(document, effective.map(VersionInfo::version).orElse(null),
                    effective.map(VersionInfo::seq).orElse(0), required.map(VersionInfo::version).orElse(null),
                    required.map(VersionInfo::seq).orElse(0));
            versions.put(document, v);
            ruleFacts.add(v);
        }
        Map<String, Optional<CompletionRecord>> latest = new HashMap<>();
        for (String employee : employees) {
            for (String document : documents) {
                ruleFacts.add(new GapQuestion(deviation.deviationId(), employee, document, at));
                if (facts.inMatrixAt(employee, document, at, day)) {
                    ruleFacts.add(new InMatrixAt(employee, document));
                }
                List<CompletionRecord> completions = facts.completionsBy(employee, document, at);
                ruleFacts.addAll(completions);
                ruleFacts.addAll(facts.overdueAssignmentsAt(employee, document, at, day));
                latest.put(employee + "|" + document, completions.stream().filter(CompletionRecord::counts).findFirst()
                        .or(() -> completions.stream().findFirst()));
            }
        }
        List<Decision> decisions = context.rules().decide(ruleFacts);
        List<TrainingGap> gaps = new ArrayList<>();
        List<DecisionRecord> records = new ArrayList<>();
        for (Decision decision : decisions) {
            records.add(DecisionRecord.of(decision, context.rules().version()));
            if (decision instanceof GapFinding finding) {
                VersionsAt v = versions.get(finding.documentNumber());
                Optional<CompletionRecord> done = latest.get(finding.employeeId() + "|" + finding.documentNumber());
                gaps.add(new TrainingGap(finding.employeeId(), finding.documentNumber(), v.effectiveVersion(), v.requiredVersion(),
                        done.map(CompletionRecord::version).orElse(null), done.map(CompletionRecord::completedAt).orElse(null),
                        finding.finding(), finding.ruleName(), context.rules().version()));
            }
        }
        if (gaps.size() != employees.size() * documents.size()) {
            throw new IllegalStateException("the gap-analysis rules must make exactly one finding per employee and document; made "
                    + gaps.size() + " for " + employees.size() * documents.size());
        }
        deviations.insertFindings(deviation.deviationId(), gaps);
        return records;
    }

    private void checkReferences(DeviationReported deviation, List<String> employees, List<String> documents) {
        List<FieldError> errors = new ArrayList<>(FieldError.unknown("involvedEmployeeIds", "", deviation.involvedEmployeeIds(),
                facts.existingEmployees(employees), "employee"));
        errors.addAll(FieldError.unknown("documentNumbers", "", deviation.documentNumbers(), facts.existingDocuments(documents),
                "document"));
        if (!errors.isEmpty()) {
            throw new InvalidEventException(errors, true);
        }
    }

}
