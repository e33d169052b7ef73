package com.closeloop.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.closeloop.facts.PlantFacts;
import com.closeloop.facts.VersionInfo;
import com.closeloop.ingest.DataReader;
import com.closeloop.ingest.EventContext;
import com.closeloop.ingest.EventHandler;
import com.closeloop.rules.DecisionRecord;
import com.closeloop.rules.facts.MatrixEntryAdded;
import com.closeloop.training.TrainingDecisions;

import org.springframework.stereotype.Component;

/**
 * {@code closeloop.matrix.entry.upserted}: maps a document to a job function. A new mapping lets the rules
 * assign the document's current version to the function's active holders; a changed method or interval
 * replaces the entry (history kept) without new assignments.
 */
@Component
class MatrixEntryUpsertHandler implements EventHandler<MatrixChange> {

    private final MatrixEntries entries;
    private final PlantFacts facts;
    private final TrainingDecisions training;

    MatrixEntryUpsertHandler(MatrixEntries entries, PlantFacts facts, TrainingDecisions training) {
        this.entries = entries;
        this.facts = facts;
        this.training = training;
    }

    @Override
    public String type() {
        return "closeloop.matrix.entry.upserted";
    }

    @Override
    public MatrixChange read(DataReader data) {
        return MatrixReferences.read(data);
    }

    @Override
    public List<DecisionRecord> apply(EventContext context, MatrixChange change) {
        List<VersionInfo> versions = MatrixReferences.check(change, facts);
        Optional<MatrixEntry> current = entries.findByDocumentNumberAndJobFunctionCodeAndRemovedAtIsNull(change.documentNumber(),
                change.jobFunctionCode());
        if (current.isPresent()) {
            if (!current.get().sameTerms(change.method(), change.retrainEveryMonths())) {
                current.get().end(context.eventTime());
                entries.saveAndFlush(current.get());
                entries.saveAndFlush(new MatrixEntry(change.documentNumber(), change.jobFunctionCode(), change.method(),
                        change.retrainEveryMonths(), context.eventTime()));
            }
            return List.of();
        }
        entries.saveAndFlush(new MatrixEntry(change.documentNumber(), change.jobFunctionCode(), change.method(),
                change.retrainEveryMonths(), context.eventTime()));

        VersionInfo version = VersionInfo.toTrainOn(versions, context.eventDate()).orElseThrow();
        List<Object> ruleFacts = new ArrayList<>();
        ruleFacts.add(new MatrixEntryAdded(change.documentNumber(), change.jobFunctionCode(), version.category(), version.version(),
                version.seq(), version.effectiveDate(), context.eventDate()));
        ruleFacts.addAll(facts.holders(List.of(change.jobFunctionCode()), context.eventDate()));
        ruleFacts.addAll(facts.openAssignmentsOfDocument(change.documentNumber()));
        ruleFacts.addAll(facts.countingCompletionsOfDocument(change.documentNumber()));
        return training.apply(context, context.rules().decide(ruleFacts));
    }
}
