package com.closeloop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import com.closeloop.rules.decisions.AssignTraining;
import com.closeloop.rules.decisions.Decision;
import com.closeloop.rules.decisions.LinkAssignment;
import com.closeloop.rules.decisions.SupersedeAssignment;
import com.closeloop.rules.facts.CapaActionAdded;
import com.closeloop.rules.facts.CapaTarget;
import com.closeloop.rules.facts.CompletionHeld;
import com.closeloop.rules.facts.OpenAssignment;

import org.junit.jupiter.api.Test;

/** rules/capa/training-actions.drl. */
class CapaTrainingActionRulesTests {

    static final LocalDate DUE = LocalDate.of(2026, 4, 1);
    static final CapaActionAdded ACTION = new CapaActionAdded("C1", "A1", "SOP-1", "CRITICAL", "2.0", 2, LocalDate.of(2026, 1, 15), DUE);

    @Test
    void everyTargetIsAssignedEvenWhenTheyCompletedTheVersionBefore() {
        List<Decision> decisions = ShippedRules.decide(ACTION, new CapaTarget("C1", "A1", "E1"), new CapaTarget("C1", "A1", "E2"),
                new CompletionHeld("E2", "SOP-1", 2));
        assertThat(ShippedRules.only(AssignTraining.class, decisions))
                .extracting(a -> a.employeeId() + " " + a.version() + " " + a.dueDate() + " " + a.reason())
                .containsExactly("E1 2.0 2026-04-01 CAPA C1/A1", "E2 2.0 2026-04-01 CAPA C1/A1");
    }

    @Test
    void anOpenAssignmentForTheVersionIsLinkedNotDuplicatedAndAnOlderOneIsSuperseded() {
        List<Decision> decisions = ShippedRules.decide(ACTION, new CapaTarget("C1", "A1", "E1"), new CapaTarget("C1", "A1", "E2"),
                new OpenAssignment("X1", "E1", "SOP-1", "2.0", 2, DUE, "REVISION"),
                new OpenAssignment("X2", "E2", "SOP-1", "1.0", 1, DUE, "REVISION"));
        assertThat(ShippedRules.only(LinkAssignment.class, decisions)).extracting(LinkAssignment::assignmentId).containsExactly("X1");
        assertThat(ShippedRules.only(AssignTraining.class, decisions)).extracting(AssignTraining::employeeId).containsExactly("E2");
        assertThat(ShippedRules.only(SupersedeAssignment.class, decisions)).extracting(SupersedeAssignment::assignmentId)
                .containsExactly("X2");
    }
}
