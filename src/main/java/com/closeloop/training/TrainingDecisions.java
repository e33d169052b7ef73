package com.closeloop.training;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import com.closeloop.RecordIds;

import com.closeloop.ingest.EventContext;
import com.closeloop.rules.DecisionRecord;
import com.closeloop.rules.decisions.AssignTraining;
import com.closeloop.rules.decisions.CancelAssignment;
import com.closeloop.rules.decisions.CompleteAssignment;
import com.closeloop.rules.decisions.Decision;
import com.closeloop.rules.decisions.ExemptAssignment;
import com.closeloop.rules.decisions.SupersedeAssignment;

import org.springframework.stereotype.Component;

/**
 * Applies the rules' training decisions for one event, inside its transaction: closings first (so the
 * one-open-assignment constraint holds), then new assignments, all in batches. Returns every decision as
 * recorded, with the assignment each created or changed.
 */
@Component
public class TrainingDecisions {

    private final Assignments assignments;
    private final Exemptions exemptions;

    TrainingDecisions(Assignments assignments, Exemptions exemptions) {
        this.assignments = assignments;
        this.exemptions = exemptions;
    }

    /** The completion a set of decisions refers to (for COMPLETE decisions). */
    public record CompletionRef(String completionId, Instant completedAt, String viaDocument, String viaVersion) {

        public CompletionRef(String completionId, Instant completedAt) {
            this(completionId, completedAt, null, null);
        }
    }

    public List<DecisionRecord> apply(EventContext context, List<Decision> decisions) {
        return apply(context, decisions, null);
    }

    public List<DecisionRecord> apply(EventContext context, List<Decision> decisions, CompletionRef completion) {
        return apply(context, decisions, Map.of(), completion);
    }

    /**
     * Applies decisions whose COMPLETE decisions may refer to several completions (a course completion and the completions it
     * makes of equivalent versions), by document number.
     */
    public List<DecisionRecord> applyCompletions(EventContext context, List<Decision> decisions,
            Map<String, CompletionRef> completions) {
        return apply(context, decisions, completions, null);
    }

    private List<DecisionRecord> apply(EventContext context, List<Decision> decisions, Map<String, CompletionRef> byDocument,
            CompletionRef single) {
        decisions = withExemptions(context, decisions);
        Map<String, String> newIds = new HashMap<>();
        List<Assignments.NewAssignment> created = new ArrayList<>();
        for (Decision decision : decisions) {
            if (decision instanceof AssignTraining assign) {
                String id = RecordIds.next();
                newIds.put(Assignments.openKey(assign.employeeId(), assign.documentNumber()), id);
                created.add(new Assignments.NewAssignment(id, assign.employeeId(), assign.documentNumber(), assign.version(),
                        assign.versionSeq(), assign.effectiveDate(), assign.dueDate(), assign.reason(), assign.ruleName(),
                        assign.originalDueDate()));
            }
        }
        List<Assignments.Closing> closings = new ArrayList<>();
        List<Assignments.Closing> exemptedNew = new ArrayList<>();
        List<DecisionRecord> records = new ArrayList<>(decisions.size());
        String ruleSetVersion = context.rules().version();
        for (Decision decision : decisions) {
            String assignmentId = decision.assignmentId();
            if (decision instanceof AssignTraining assign) {
                assignmentId = newIds.get(Assignments.openKey(assign.employeeId(), assign.documentNumber()));
            } else if (decision instanceof SupersedeAssignment supersede) {
                closings.add(new Assignments.Closing(supersede.assignmentId(), "SUPERSEDED", supersede.detail(),
                        newIds.get(Assignments.openKey(supersede.employeeId(), supersede.documentNumber())), null, null));
            } else if (decision instanceof CancelAssignment cancel) {
                closings.add(new Assignments.Closing(cancel.assignmentId(), "CANCELLED", cancel.detail(), null, null, null));
            } else if (decision instanceof CompleteAssignment complete) {
                CompletionRef completion = single != null ? single : byDocument.get(complete.documentNumber());
                if (completion == null) {
                    throw new IllegalStateException("rule '" + complete.ruleName() + "' completed an assignment without a completion");
                }
                closings.add(new Assignments.Closing(complete.assignmentId(), "COMPLETED", completion.viaDocument() == null ? "completed"
                        : "completed by the equivalent " + completion.viaDocument() + " version " + completion.viaVersion(), null,
                        completion.completionId(), completion.completedAt(), completion.viaDocument(), completion.viaVersion()));
            } else if (decision instanceof ExemptAssignment exempt) {
                if (exempt.assignmentId() != null) {
                    closings.add(new Assignments.Closing(exempt.assignmentId(), "EXEMPTED", exempt.detail(), null, null, null));
                } else {
                    assignmentId = newIds.get(Assignments.openKey(exempt.employeeId(), exempt.documentNumber()));
                    exemptedNew.add(new Assignments.Closing(assignmentId, "EXEMPTED", exempt.detail(), null, null, null));
                }
            }
            records.add(DecisionRecord.of(decision, ruleSetVersion, assignmentId));
        }
        assignments.close(distinctByAssignment(closings), context.eventTime());
        assignments.insert(created, context);
        assignments.close(exemptedNew, context.eventTime());
        return records;
    }

    /**
     * New assignments for a document with an exemption in force go to the rules once more, with those exemptions: they
     * decide which of them are created EXEMPTED (rules/exemptions). Costs one small query when nothing is assigned to an
     * exempted document.
     */
    private List<Decision> withExemptions(EventContext context, List<Decision> decisions) {
        java.util.Set<String> documents = new java.util.TreeSet<>();
        decisions.stream().filter(AssignTraining.class::isInstance).forEach(d -> documents.add(d.documentNumber()));
        if (documents.isEmpty()) {
            return decisions;
        }
        List<com.closeloop.rules.facts.ExemptionInForce> inForce = exemptions.inForce(documents, context.eventTime(),
                context.eventDate());
        if (inForce.isEmpty()) {
            return decisions;
        }
        java.util.Set<String> exempted = new java.util.HashSet<>();
        inForce.forEach(x -> exempted.add(Assignments.openKey(x.employeeId(), x.documentNumber())));
        List<Object> facts = new ArrayList<>(inForce);
        decisions.stream().filter(AssignTraining.class::isInstance)
                .filter(d -> exempted.contains(Assignments.openKey(d.employeeId(), d.documentNumber()))).forEach(facts::add);
        List<Decision> all = new ArrayList<>(decisions);
        context.rules().decide(facts).stream().filter(ExemptAssignment.class::isInstance).forEach(all::add);
        return all;
    }

    /** Two rules may close the same assignment (e.g. two reasons to cancel); the first decision wins. */
    private static List<Assignments.Closing> distinctByAssignment(List<Assignments.Closing> closings) {
        Map<String, Assignments.Closing> byId = new java.util.LinkedHashMap<>();
        closings.forEach(c -> byId.putIfAbsent(c.assignmentId(), c));
        return List.copyOf(byId.values());
    }
}
