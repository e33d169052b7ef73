package com.closeloop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import com.closeloop.rules.decisions.AssignTraining;
import com.closeloop.rules.facts.CompletionHeld;
import com.closeloop.rules.facts.Holder;
import com.closeloop.rules.facts.MatrixEntryAdded;

import org.junit.jupiter.api.Test;

/** rules/training-needs/matrix-change.drl: a document newly mapped to a job function. */
class MatrixChangeRulesTests {

    static final LocalDate TODAY = LocalDate.of(2026, 2, 20);

    @Test
    void holdersOfTheFunctionAreAssignedTheCurrentVersionDueFromTheChangeDate() {
        List<AssignTraining> assigned = ShippedRules.only(AssignTraining.class, ShippedRules.decide(
                new MatrixEntryAdded("SOP-1", "CLEAN", "CRITICAL", "1.1", 2, LocalDate.of(2026, 2, 15), TODAY),
                new Holder("E1", "CLEAN"), new Holder("E2", "CLEAN"), new Holder("E3", "PACK"),
                new CompletionHeld("E2", "SOP-1", 2)));
        assertThat(assigned).extracting(a -> a.employeeId() + " " + a.version() + " " + a.dueDate() + " " + a.reason())
                .containsExactly("E1 1.1 2026-03-06 MATRIX_CHANGE");
    }

    @Test
    void nonCriticalDocumentsAreDueThirtyDaysAfterTheChange() {
        List<AssignTraining> assigned = ShippedRules.only(AssignTraining.class, ShippedRules.decide(
                new MatrixEntryAdded("SOP-1", "CLEAN", "STANDARD", "1.0", 1, LocalDate.of(2026, 1, 15), TODAY),
                new Holder("E1", "CLEAN")));
        assertThat(assigned.get(0).dueDate()).isEqualTo(LocalDate.of(2026, 3, 22));
    }
}
