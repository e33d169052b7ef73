package com.closeloop.capa;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.closeloop.rules.RuleEngine;
import com.closeloop.rules.RuleSet;
import com.closeloop.rules.decisions.ClosureGap;

import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /api/capas/{capaId}}: the CAPA, its training actions with their evidence, and the closure check (SPEC §4). */
@RestController
class CapaController {

    record VerificationView(String kind, BigDecimal minScore) {
    }

    record AssigneeView(String employeeId, String assignmentId, boolean linked, String assignmentStatus, List<String> missing) {
    }

    record ActionView(String actionId, String documentNumber, String version, LocalDate dueDate, VerificationView verification,
            List<String> jobFunctionCodes, List<String> employeeIds, Instant addedAt, int assigned, int completed, int verified,
            List<AssigneeView> assignees) {
    }

    record ClosureView(boolean allowed, List<String> reasons, String ruleName, String ruleSetVersion) {
    }

    record CapaView(String capaId, String title, String status, String deviationId, String rootCauseCategory, Instant openedAt,
            Instant closedAt, String closedBy, List<ActionView> actions, ClosureView closure) {
    }

    private final Capas capas;
    private final CapaActions actions;
    private final CapaClosureCheck check;
    private final RuleEngine rules;

    CapaController(Capas capas, CapaActions actions, CapaClosureCheck check, RuleEngine rules) {
        this.capas = capas;
        this.actions = actions;
        this.check = check;
        this.rules = rules;
    }

    @GetMapping("/api/capas/{capaId}")
    @Transactional(readOnly = true)
    CapaView capa(@PathVariable String capaId) {
        Capa capa = capas.findById(capaId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "unknown CAPA '" + capaId + "'"));
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
        return new CapaView(capa.capaId(), capa.title(), capa.status(), capa.deviationId(), capa.rootCauseCategory(), capa.openedAt(),
                capa.closedAt(), capa.closedBy(), views, new ClosureView(result.decision().allowed(), result.decision().reasons(),
                        result.decision().ruleName(), ruleSet.version()));
    }

    private static List<String> gapsOf(List<ClosureGap> gaps, String actionId, String employeeId) {
        return gaps.stream().filter(g -> g.actionId().equals(actionId) && g.employeeId().equals(employeeId)).map(ClosureGap::gap)
                .sorted().toList();
    }
}
