package com.closeloop.changes;

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
import com.closeloop.ingest.FieldError;
import com.closeloop.ingest.InvalidEventException;
import com.closeloop.rules.DecisionRecord;
import com.closeloop.rules.facts.ChangeDocument;
import com.closeloop.rules.facts.ChangeFunction;
import com.closeloop.rules.facts.ChangeNotified;
import com.closeloop.rules.facts.MatrixMapping;
import com.closeloop.rules.facts.VersionToTrain;
import com.closeloop.training.TrainingDecisions;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code closeloop.change.notified}: a process-validation, supplier or regulatory-submission change. The rules
 * (rules/changes) decide who retrains on which document; by default the holders of the named job functions and of
 * the functions mapped to the named documents, on the current version, due the change's effective date + 30 days.
 */
@Component
class ChangeNotifiedHandler implements EventHandler<ChangeNotifiedHandler.Change> {

    static final Set<String> KINDS = Set.of("PROCESS_VALIDATION", "SUPPLIER_CHANGE", "REGULATORY_SUBMISSION");

    record Change(String changeId, String kind, List<String> documentNumbers, List<String> jobFunctionCodes, LocalDate effectiveDate) {
    }

    private final PlantFacts facts;
    private final TrainingDecisions training;
    private final JdbcTemplate jdbc;

    private final AuditTrail audit;

    ChangeNotifiedHandler(PlantFacts facts, TrainingDecisions training, JdbcTemplate jdbc, AuditTrail audit) {
        this.audit = audit;
        this.facts = facts;
        this.training = training;
        this.jdbc = jdbc;
    }

    @Override
    public String type() {
        return "closeloop.change.notified";
    }

    private static List<String> distinct(List<String> codes) {
        return codes == null ? null : codes.stream().distinct().toList();
    }

    @Override
    public Change read(DataReader data) {
        Change change = new Change(data.code("changeId", true), data.oneOf("kind", true, KINDS), distinct(data.codes("documentNumbers", false)),
                distinct(data.codes("jobFunctionCodes", false)), data.date("effectiveDate", false));
        if (change.documentNumbers() != null && String.join(",", change.documentNumbers()).length() > 4000) {
            data.reject("documentNumbers", "names too many documents (at most 4,000 characters in all)");
        }
        if (change.jobFunctionCodes() != null && String.join(",", change.jobFunctionCodes()).length() > 4000) {
            data.reject("jobFunctionCodes", "names too many job functions (at most 4,000 characters in all)");
        }
        if (change.documentNumbers() != null && change.jobFunctionCodes() != null && change.documentNumbers().isEmpty()
                && change.jobFunctionCodes().isEmpty() && data.valid()) {
            data.reject("documentNumbers", "name at least one affected document (documentNumbers) or job function (jobFunctionCodes)");
        }
        return change;
    }

    @Override
    public List<DecisionRecord> apply(EventContext context, Change change) {
        Integer known = jdbc.queryForObject("select count(*) from change_notification where change_id = ?", Integer.class, change.changeId());
        if (known != null && known > 0) {
            throw InvalidEventException.unprocessable("changeId", "change " + change.changeId() + " was already notified");
        }
        checkReferences(change);
        jdbc.update("insert into change_notification (change_id, kind, effective_date, document_numbers, job_function_codes, notified_at,"
                + " source_event_id, source_event_source) values (?, ?, ?, ?, ?, ?, ?, ?)", change.changeId(), change.kind(),
                JdbcValues.date(change.effectiveDate()), String.join(",", change.documentNumbers()),
                String.join(",", change.jobFunctionCodes()), JdbcValues.utc(context.eventTime()), context.id(), context.source());
        audit.record("change", change.changeId(), "CREATED", null, AuditTrail.values("changeId", change.changeId(), "kind",
                change.kind(), "effectiveDate", change.effectiveDate(), "documentNumbers", change.documentNumbers(),
                "jobFunctionCodes", change.jobFunctionCodes(), "notifiedAt", context.eventTime()));

        boolean documentsNamed = !change.documentNumbers().isEmpty();
        Set<String> documents = new TreeSet<>(change.documentNumbers());
        List<MatrixMapping> byFunction = facts.mappingsOfFunctions(change.jobFunctionCodes());
        if (!documentsNamed) {
            byFunction.forEach(m -> documents.add(m.documentNumber()));
        }
        List<MatrixMapping> byDocument = facts.mappingsOfDocuments(documents);
        Set<String> functions = new TreeSet<>(change.jobFunctionCodes());
        byDocument.forEach(m -> functions.add(m.jobFunctionCode()));

        List<Object> ruleFacts = new ArrayList<>();
        LocalDate effective = change.effectiveDate() == null ? context.eventDate() : change.effectiveDate();
        ruleFacts.add(new ChangeNotified(change.changeId(), change.kind(), effective, documentsNamed));
        change.documentNumbers().forEach(d -> ruleFacts.add(new ChangeDocument(change.changeId(), d)));
        change.jobFunctionCodes().forEach(f -> ruleFacts.add(new ChangeFunction(change.changeId(), f)));
        for (String document : documents) {
            VersionInfo.toTrainOn(facts.versions(document), context.eventDate()).ifPresent(v -> ruleFacts.add(
                    new VersionToTrain(v.documentNumber(), v.category(), v.version(), v.seq(), v.effectiveDate())));
            ruleFacts.addAll(facts.openAssignmentsOfDocument(document));
            ruleFacts.addAll(facts.countingCompletionsOfDocument(document));
        }
        Set<MatrixMapping> mappings = new java.util.LinkedHashSet<>(byDocument);
        mappings.addAll(byFunction);
        ruleFacts.addAll(mappings);
        ruleFacts.addAll(facts.holders(functions, context.eventDate()));
        return training.apply(context, context.rules().decide(ruleFacts));
    }

    private void checkReferences(Change change) {
        List<FieldError> errors = new ArrayList<>(FieldError.unknown("documentNumbers", "", change.documentNumbers(),
                facts.existingDocuments(change.documentNumbers()), "document"));
        errors.addAll(FieldError.unknown("jobFunctionCodes", "", change.jobFunctionCodes(),
                facts.existingJobFunctions(change.jobFunctionCodes()), "job function"));
        if (!errors.isEmpty()) {
            throw new InvalidEventException(errors, true);
        }
    }

}
