package com.closeloop.capa;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.closeloop.facts.PlantFacts;
import com.closeloop.rules.RuleSet;
import com.closeloop.rules.decisions.ClosureDecision;
import com.closeloop.rules.decisions.ClosureGap;
import com.closeloop.rules.decisions.Decision;
import com.closeloop.rules.facts.CapaClosureRequested;

import org.springframework.stereotype.Component;

/**
 * Asks the closure rules whether a CAPA may close, from its actions, whom they assigned and every completion of
 * the actions' documents by those employees. Used for closure requests and, without recording anything, for
 * the closure check {@code GET /api/capas/{id}} shows.
 */
@Component
class CapaClosureCheck {

    /** The rules' answer: the decision and every evidence gap behind it (all of them, as recorded). */
    record Result(ClosureDecision decision, List<ClosureGap> gaps, List<Decision> decisions) {
    }

    private final CapaActions actions;
    private final PlantFacts facts;

    CapaClosureCheck(CapaActions actions, PlantFacts facts) {
        this.actions = actions;
        this.facts = facts;
    }

    Result evaluate(String capaId, String requestedBy, RuleSet rules, List<CapaActions.Action> capaActions,
            List<CapaActions.Assignee> assignees) {
        List<Object> ruleFacts = new ArrayList<>();
        ruleFacts.add(new CapaClosureRequested(capaId, requestedBy));
        Set<Object> completions = new LinkedHashSet<>();
        for (CapaActions.Action action : capaActions) {
            ruleFacts.add(action.fact());
            List<String> employees = assignees.stream().filter(a -> a.actionId().equals(action.actionId()))
                    .map(CapaActions.Assignee::employeeId).toList();
            completions.addAll(facts.completionsOf(employees, action.documentNumber()));
        }
        ruleFacts.addAll(CapaActions.facts(capaId, assignees));
        ruleFacts.addAll(completions);
        List<Decision> decisions = rules.decide(ruleFacts);
        ClosureDecision decision = decisions.stream().filter(ClosureDecision.class::isInstance).map(ClosureDecision.class::cast)
                .findFirst().orElseThrow(() -> new IllegalStateException("the closure rules (rules/record-closure) decided nothing"));
        List<ClosureGap> gaps = decisions.stream().filter(ClosureGap.class::isInstance).map(ClosureGap.class::cast).toList();
        return new Result(decision, gaps, decisions);
    }

    Result evaluate(String capaId, String requestedBy, RuleSet rules) {
        return evaluate(capaId, requestedBy, rules, actions.ofCapa(capaId), actions.assigneesOf(capaId));
    }
}
