package com.closeloop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import com.closeloop.rules.decisions.AssignTraining;
import com.closeloop.rules.decisions.SupersedeAssignment;
import com.closeloop.rules.facts.OpenAssignment;

import org.junit.jupiter.api.Test;

/** rules/assignments/supersede.drl. */
class SupersedeRulesTests {

    static final LocalDate DUE = LocalDate.of(2026, 3, 1);

    @Test
    void aNewAssignmentSupersedesOpenOnesForOlderVersionsOnlyOfTheSameEmployeeAndDocument() {
        List<SupersedeAssignment> superseded = ShippedRules.only(SupersedeAssignment.class, ShippedRules.decide(
                new AssignTraining("E1", "SOP-1", "3.0", 3, DUE, DUE, "REVISION", "test rule"),
                new OpenAssignment("A1", "E1", "SOP-1", "2.0", 2, DUE, "REVISION"),
                new OpenAssignment("A2", "E2", "SOP-1", "2.0", 2, DUE, "REVISION"),
                new OpenAssignment("A3", "E1", "SOP-2", "1.0", 1, DUE, "REVISION")));

        assertThat(superseded).extracting(SupersedeAssignment::assignmentId).containsExactly("A1");
        assertThat(superseded.get(0).byVersion()).isEqualTo("3.0");
        assertThat(superseded.get(0).version()).isEqualTo("2.0");
    }
}
