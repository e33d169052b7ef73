package com.closeloop.capa;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.closeloop.rules.RuleEngine;
import com.closeloop.rules.RuleSet;
import com.closeloop.rules.decisions.ClosureGap;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A CAPA as reported: its training actions with their evidence, and the closure check as the active rules see it now. */
@Component
public class CapaViews {

    public record VerificationView(String kind, BigDecimal minScore) {
    }

    public record AssigneeView(String employeeId, String assignmentId, boolean linked, String assignmentStatus, List<String> missing) {
    }

    public record ActionView(String actionId, String documentNumber, String version, LocalDate dueDate, VerificationView verification,
            List<String> jobFunctionCodes, List<String> employeeIds, Instant addedAt, int assigned, int completed, int verified,
            List<AssigneeView> assignees) {
    }

    public record ClosureView(boolean allowed, List<String> reasons, String ruleName, String ruleSetVersion) {
    }

    public record CapaView(String capaId, String title, String status, String deviationId, String rootCauseCategory, Instant openedAt,
            Instant closedAt, String closedBy, List<ActionView> actions, ClosureView closure) {
    }

    private final Capas capas;
    private final CapaActions actions;
    private final CapaClosureCheck check;
    private final RuleEngine rules;

    CapaViews(Capas capas, CapaActions actions, CapaClosureCheck check, RuleEngine rules) {
        this.capas = capas;
        this.actions = actions;
        this.check = check;
        this.rules = rules;
    }

    @Transactional(readOnly = true)
    public Optional<CapaView> find(String capaId) {
        Optional<Capa> found = capas.findById(capaId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Capa capa = found.get();
        List<CapaActions.Action> capaActions = actions.ofCapa(capaId);
        List<CapaActions.Assignee> assignees = actions.assigneesOf(capaId);
        RuleSet ruleSet = rules.active();
        CapaClosureCheck.Result result = check.evaluate(capaId, null, ruleSet, capaActions, assignees);
        List<ActionView> views = capaActions.stream().map(action -> {
            List<AssigneeView> people = assignees.stream().filter(a -> a.actionId().equals(action.actionId()))
                    .map(a -> new AssigneeView(a.employeeId(), a.assignmentId(), a.linked(), a.assignmentStatus(),
                            gapsOf(result.gaps(), action.actionId(), a.employeeId())))
                    .toList();
            int completed = (int) people.stream()
                    .filter(p -> !p.missing().contains("NO_COMPLETION") && !p.missing().contains("EVIDENCE_INSUFFICIENT")).count();
            int verified = (int) people.stream().filter(p -> p.missing().isEmpty()).count();
            return new ActionView(action.actionId(), action.documentNumber(), action.version(), action.dueDate(),
                    new VerificationView(action.verificationKind(), action.minScore()), action.jobFunctionCodes(), action.employeeIds(),
                    action.addedAt(), people.size(), completed, verified, people);
        }).toList();
        return Optional.of(new CapaView(capa.capaId(), capa.title(), capa.status(), capa.deviationId(), capa.rootCauseCategory(), capa.openedAt(),
                capa.closedAt(), capa.closedBy(), views, new ClosureView(result.decision().allowed(), result.decision().reasons(),
                        result.decision().ruleName(), ruleSet.version())));
    }

    /** The CAPAs opened for a deviation, by id. */
    public List<String> ofDeviation(String deviationId) {
        return capas.idsOfDeviation(deviationId);
    }

    private static List<String> gapsOf(List<ClosureGap> gaps, String actionId, String employeeId) {
        return gaps.stream().filter(g -> g.actionId().equals(actionId) && g.employeeId().equals(employeeId)).map(ClosureGap::gap)
                .sorted().toList();
    }
}
