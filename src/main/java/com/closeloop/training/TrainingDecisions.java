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

    TrainingDecisions(Assignments assignments) {
        this.assignments = assignments;
    }

    /** The completion a set of decisions refers to (for COMPLETE decisions). */
    public record CompletionRef(String completionId, Instant completedAt) {
    }

    public List<DecisionRecord> apply(EventContext context, List<Decision> decisions) {
        return apply(context, decisions, null);
    }

    public List<DecisionRecord> apply(EventContext context, List<Decision> decisions, CompletionRef completion) {
        Map<String, String> newIds = new HashMap<>();
        List<Assignments.NewAssignment> created = new ArrayList<>();
        for (Decision decision : decisions) {
            if (decision instanceof AssignTraining assign) {
                String id = RecordIds.next();
                newIds.put(Assignments.openKey(assign.employeeId(), assign.documentNumber()), id);
                created.add(new Assignments.NewAssignment(id, assign.employeeId(), assign.documentNumber(), assign.version(),
                        assign.versionSeq(), assign.effectiveDate(), assign.dueDate(), assign.reason(), assign.ruleName()));
            }
        }
        List<Assignments.Closing> closings = new ArrayList<>();
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
                if (completion == null) {
                    throw new IllegalStateException("rule '" + complete.ruleName() + "' completed an assignment without a completion");
                }
                closings.add(new Assignments.Closing(complete.assignmentId(), "COMPLETED", "completed", null,
                        completion.completionId(), completion.completedAt()));
            }
            records.add(DecisionRecord.of(decision, ruleSetVersion, assignmentId));
        }
        assignments.close(distinctByAssignment(closings), context.eventTime());
        assignments.insert(created, context);
        return records;
    }

    /** Two rules may close the same assignment (e.g. two reasons to cancel); the first decision wins. */
    private static List<Assignments.Closing> distinctByAssignment(List<Assignments.Closing> closings) {
        Map<String, Assignments.Closing> byId = new java.util.LinkedHashMap<>();
        closings.forEach(c -> byId.putIfAbsent(c.assignmentId(), c));
        return List.copyOf(byId.values());
    }
}
