package com.closeloop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import com.closeloop.rules.decisions.AssignTraining;
import com.closeloop.rules.facts.CompletionHeld;
import com.closeloop.rules.facts.Holder;
import com.closeloop.rules.facts.MatrixMapping;
import com.closeloop.rules.facts.OpenAssignment;
import com.closeloop.rules.facts.VersionApproved;

import org.junit.jupiter.api.Test;

/** rules/assignments/revision-fan-out.drl: who is assigned a revision that requires retraining. */
class RevisionFanOutRulesTests {

    static final LocalDate EFFECTIVE = LocalDate.of(2026, 3, 1);
    static final VersionApproved MAJOR_V2 = new VersionApproved("SOP-1", "CRITICAL", "2.0", 2, "MAJOR", EFFECTIVE,
            LocalDate.of(2026, 2, 1), false);

    @Test
    void everyHolderOfAMappedFunctionIsAssignedOnceWithTheDecidingRuleAndDueDate() {
        List<AssignTraining> assigned = ShippedRules.only(AssignTraining.class, ShippedRules.decide(MAJOR_V2,
                new MatrixMapping("SOP-1", "CLEAN", "READ_AND_UNDERSTAND", null),
                new MatrixMapping("SOP-1", "PACK", "READ_AND_UNDERSTAND", null),
                new Holder("E1", "CLEAN"), new Holder("E2", "CLEAN"), new Holder("E2", "PACK"), new Holder("E3", "LAB")));

        assertThat(assigned).extracting(AssignTraining::employeeId).containsExactly("E1", "E2");
        assertThat(assigned).allSatisfy(a -> {
            assertThat(a.version()).isEqualTo("2.0");
            assertThat(a.dueDate()).isEqualTo(EFFECTIVE);
            assertThat(a.effectiveDate()).isEqualTo(EFFECTIVE);
            assertThat(a.reason()).isEqualTo("REVISION");
            assertThat(a.ruleName()).isEqualTo("MAJOR revision of a CRITICAL document: train before it takes effect");
        });
    }

    @Test
    void nobodyIsAssignedWhatTheyCompletedOrAreAlreadyAssigned() {
        List<AssignTraining> assigned = ShippedRules.only(AssignTraining.class, ShippedRules.decide(MAJOR_V2,
                new MatrixMapping("SOP-1", "CLEAN", "READ_AND_UNDERSTAND", null),
                new Holder("E1", "CLEAN"), new Holder("E2", "CLEAN"), new Holder("E3", "CLEAN"), new Holder("E4", "CLEAN"),
                new CompletionHeld("E1", "SOP-1", 2),
                new CompletionHeld("E2", "SOP-1", 1),
                new OpenAssignment("A3", "E3", "SOP-1", "2.0", 2, EFFECTIVE, "CAPA C1/A1")));

        assertThat(assigned).extracting(AssignTraining::employeeId).containsExactly("E2", "E4");
    }

    @Test
    void aRevisionThatNeedsNoRetrainingAssignsNobody() {
        VersionApproved admin = new VersionApproved("SOP-1", "CRITICAL", "2.0", 2, "ADMINISTRATIVE", EFFECTIVE, EFFECTIVE, false);
        assertThat(ShippedRules.only(AssignTraining.class, ShippedRules.decide(admin,
                new MatrixMapping("SOP-1", "CLEAN", "READ_AND_UNDERSTAND", null), new Holder("E1", "CLEAN")))).isEmpty();
    }
}
