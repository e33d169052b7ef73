package com.closeloop.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.closeloop.facts.PlantFacts;
import com.closeloop.ingest.DataReader;
import com.closeloop.ingest.EventContext;
import com.closeloop.ingest.EventHandler;
import com.closeloop.ingest.InvalidEventException;
import com.closeloop.rules.DecisionRecord;
import com.closeloop.rules.facts.MatrixEntryRemoved;
import com.closeloop.rules.facts.MatrixMapping;
import com.closeloop.training.TrainingDecisions;

import org.springframework.stereotype.Component;

/**
 * {@code closeloop.matrix.entry.removed}: ends a mapping; the rules cancel open assignments of employees
 * who no longer hold any job function mapped to the document.
 */
@Component
class MatrixEntryRemovalHandler implements EventHandler<MatrixChange> {

    private final MatrixEntries entries;
    private final PlantFacts facts;
    private final TrainingDecisions training;

    MatrixEntryRemovalHandler(MatrixEntries entries, PlantFacts facts, TrainingDecisions training) {
        this.entries = entries;
        this.facts = facts;
        this.training = training;
    }

    @Override
    public String type() {
        return "closeloop.matrix.entry.removed";
    }

    @Override
    public MatrixChange read(DataReader data) {
        return MatrixReferences.read(data);
    }

    @Override
    public List<DecisionRecord> apply(EventContext context, MatrixChange change) {
        MatrixReferences.check(change, facts);
        MatrixEntry current = entries.findByDocumentNumberAndJobFunctionCodeAndRemovedAtIsNull(change.documentNumber(),
                change.jobFunctionCode()).orElseThrow(() -> InvalidEventException.unprocessable("jobFunctionCode",
                        change.documentNumber() + " is not mapped to " + change.jobFunctionCode()));
        current.end(context.eventTime());
        entries.saveAndFlush(current);

        List<MatrixMapping> remaining = facts.mappingsOfDocument(change.documentNumber());
        Set<String> remainingCodes = new TreeSet<>();
        remaining.forEach(m -> remainingCodes.add(m.jobFunctionCode()));
        List<Object> ruleFacts = new ArrayList<>();
        ruleFacts.add(new MatrixEntryRemoved(change.documentNumber(), change.jobFunctionCode()));
        ruleFacts.addAll(remaining);
        ruleFacts.addAll(facts.holders(remainingCodes, context.eventDate()));
        ruleFacts.addAll(facts.openAssignmentsOfDocument(change.documentNumber()));
        return training.apply(context, context.rules().decide(ruleFacts));
    }
}
