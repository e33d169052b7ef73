package com.closeloop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import com.closeloop.rules.decisions.AssignTraining;
import com.closeloop.rules.facts.CompletionHeld;
import com.closeloop.rules.facts.OnboardingTarget;
import com.closeloop.rules.facts.OpenAssignment;

import org.junit.jupiter.api.Test;

/** rules/training-needs/onboarding.drl: a job function gained. */
class OnboardingRulesTests {

    static final LocalDate FROM = LocalDate.of(2026, 4, 6);
    static final LocalDate EFFECTIVE = LocalDate.of(2026, 1, 15);

    @Test
    void criticalDocumentsAreDueFourteenDaysAfterStartOthersThirty() {
        List<AssignTraining> assigned = ShippedRules.only(AssignTraining.class, ShippedRules.decide(
                new OnboardingTarget("E1", "CLEAN", FROM, true, "SOP-CRIT", "CRITICAL", "2.0", 2, EFFECTIVE),
                new OnboardingTarget("E1", "CLEAN", FROM, true, "SOP-STD", "STANDARD", "1.0", 1, EFFECTIVE)));

        assertThat(assigned).extracting(a -> a.documentNumber() + " " + a.version() + " " + a.dueDate() + " " + a.reason())
                .containsExactly("SOP-CRIT 2.0 2026-04-20 NEW_HIRE", "SOP-STD 1.0 2026-05-06 NEW_HIRE");
    }

    @Test
    void aRoleChangeIsReasonNewJobFunctionAndADocumentMappedToTwoGainedFunctionsIsAssignedOnce() {
        List<AssignTraining> assigned = ShippedRules.only(AssignTraining.class, ShippedRules.decide(
                new OnboardingTarget("E1", "CLEAN", FROM, false, "SOP-GMP", "STANDARD", "1.0", 1, EFFECTIVE),
                new OnboardingTarget("E1", "PACK", FROM, false, "SOP-GMP", "STANDARD", "1.0", 1, EFFECTIVE)));
        assertThat(assigned).hasSize(1);
        assertThat(assigned.get(0).reason()).isEqualTo("NEW_JOB_FUNCTION");
    }

    @Test
    void completedOrAlreadyAssignedDocumentsAreSkipped() {
        List<AssignTraining> assigned = ShippedRules.only(AssignTraining.class, ShippedRules.decide(
                new OnboardingTarget("E1", "CLEAN", FROM, false, "SOP-A", "STANDARD", "2.0", 2, EFFECTIVE),
                new OnboardingTarget("E1", "CLEAN", FROM, false, "SOP-B", "STANDARD", "1.0", 1, EFFECTIVE),
                new OnboardingTarget("E1", "CLEAN", FROM, false, "SOP-C", "STANDARD", "3.0", 3, EFFECTIVE),
                new CompletionHeld("E1", "SOP-A", 2),
                new OpenAssignment("A1", "E1", "SOP-B", "1.0", 1, FROM, "REVISION"),
                new CompletionHeld("E1", "SOP-C", 2)));
        assertThat(assigned).extracting(AssignTraining::documentNumber).containsExactly("SOP-C");
    }
}
