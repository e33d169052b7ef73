package com.closeloop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import com.closeloop.rules.decisions.CancelAssignment;
import com.closeloop.rules.facts.EmployeeTerminated;
import com.closeloop.rules.facts.Holder;
import com.closeloop.rules.facts.HoldingsChanged;
import com.closeloop.rules.facts.MatrixEntryRemoved;
import com.closeloop.rules.facts.MatrixMapping;
import com.closeloop.rules.facts.OpenAssignment;

import org.junit.jupiter.api.Test;

/** rules/assignments/cancellation.drl. */
class CancellationRulesTests {

    static final LocalDate DUE = LocalDate.of(2026, 3, 1);

    @Test
    void terminationCancelsEveryOpenAssignmentOfThatEmployee() {
        List<CancelAssignment> cancelled = ShippedRules.only(CancelAssignment.class, ShippedRules.decide(
                new EmployeeTerminated("E1"),
                new OpenAssignment("A1", "E1", "SOP-1", "1.0", 1, DUE, "REVISION"),
                new OpenAssignment("A2", "E1", "SOP-2", "1.0", 1, DUE, "CAPA C1/A1"),
                new OpenAssignment("A3", "E2", "SOP-1", "1.0", 1, DUE, "REVISION")));
        assertThat(cancelled).extracting(CancelAssignment::assignmentId).containsExactly("A1", "A2");
        assertThat(cancelled).allSatisfy(c -> assertThat(c.ruleName()).isEqualTo("Termination cancels open assignments"));
    }

    @Test
    void losingTheLastMappedFunctionCancelsButCapaAssignmentsStay() {
        List<CancelAssignment> cancelled = ShippedRules.only(CancelAssignment.class, ShippedRules.decide(
                new HoldingsChanged("E1"),
                new Holder("E1", "PACK"),
                new MatrixMapping("SOP-1", "CLEAN", "READ_AND_UNDERSTAND", null),
                new MatrixMapping("SOP-2", "PACK", "READ_AND_UNDERSTAND", null),
                new OpenAssignment("A1", "E1", "SOP-1", "1.0", 1, DUE, "REVISION"),
                new OpenAssignment("A2", "E1", "SOP-2", "1.0", 1, DUE, "NEW_JOB_FUNCTION"),
                new OpenAssignment("A3", "E1", "SOP-3", "1.0", 1, DUE, "CAPA C1/A1")));
        assertThat(cancelled).extracting(CancelAssignment::assignmentId).containsExactly("A1");
    }

    @Test
    void removingAMappingCancelsOnlyEmployeesWithoutAnotherMappedFunction() {
        List<CancelAssignment> cancelled = ShippedRules.only(CancelAssignment.class, ShippedRules.decide(
                new MatrixEntryRemoved("SOP-1", "CLEAN"),
                new MatrixMapping("SOP-1", "PACK", "READ_AND_UNDERSTAND", null),
                new Holder("E2", "PACK"),
                new OpenAssignment("A1", "E1", "SOP-1", "1.0", 1, DUE, "MATRIX_CHANGE"),
                new OpenAssignment("A2", "E2", "SOP-1", "1.0", 1, DUE, "MATRIX_CHANGE")));
        assertThat(cancelled).extracting(CancelAssignment::assignmentId).containsExactly("A1");
    }

    @Test
    void nothingIsCancelledWithoutAPersonnelOrMatrixChange() {
        assertThat(ShippedRules.decide(new OpenAssignment("A1", "E1", "SOP-1", "1.0", 1, DUE, "REVISION"))).isEmpty();
    }
}
