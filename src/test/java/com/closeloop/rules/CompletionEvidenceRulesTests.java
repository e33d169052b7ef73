package com.closeloop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import com.closeloop.rules.decisions.CompleteAssignment;
import com.closeloop.rules.decisions.CompletionEvaluated;
import com.closeloop.rules.decisions.Decision;
import com.closeloop.rules.facts.ApplicableMethod;
import com.closeloop.rules.facts.CompletionReported;
import com.closeloop.rules.facts.OpenAssignment;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** rules/evidence/completion.drl: whether a completion counts, and what it completes (SPEC §2a.7). */
class CompletionEvidenceRulesTests {

    static final LocalDate DUE = LocalDate.of(2026, 3, 1);

    @ParameterizedTest(name = "{0} score={1} verifiedBy={2} -> counts={3}")
    @CsvSource(nullValues = "-", value = {
            "READ_AND_UNDERSTAND, -,    -,     true",
            "ASSESSMENT,          80,   -,     true",
            "ASSESSMENT,          79.5, -,     false",
            "ASSESSMENT,          -,    -,     false",
            "ON_THE_JOB,          -,    T100,  true",
            "ON_THE_JOB,          -,    -,     false",
            "INSTRUCTOR_LED,      95,   -,     false",
            "INSTRUCTOR_LED,      -,    T100,  true",
            "-,                   -,    -,     true" })
    void evidenceDependsOnTheTrainingMethod(String method, Double score, String verifiedBy, boolean counts) {
        List<Object> facts = new java.util.ArrayList<>(List.of(new CompletionReported("E1", "SOP-1", "STANDARD", "1.0", 1, null, score, verifiedBy)));
        if (method != null) {
            facts.add(new ApplicableMethod("E1", "SOP-1", method));
        }
        List<CompletionEvaluated> evaluated = ShippedRules.only(CompletionEvaluated.class, ShippedRules.decide(facts.toArray()));
        assertThat(evaluated).hasSize(1);
        assertThat(evaluated.get(0).counts()).isEqualTo(counts);
        if (!counts) {
            assertThat(evaluated.get(0).detail()).isNotBlank();
        }
    }

    @Test
    void theStrictestApplicableMethodsAllApply() {
        List<CompletionEvaluated> evaluated = ShippedRules.only(CompletionEvaluated.class, ShippedRules.decide(
                new CompletionReported("E1", "SOP-1", "STANDARD", "1.0", 1, null, 60.0, null),
                new ApplicableMethod("E1", "SOP-1", "READ_AND_UNDERSTAND"),
                new ApplicableMethod("E1", "SOP-1", "ASSESSMENT"),
                new ApplicableMethod("E1", "SOP-1", "ON_THE_JOB")));
        assertThat(evaluated.get(0).counts()).isFalse();
        assertThat(evaluated.get(0).detail()).contains("at least 80").contains("verifiedBy");
    }

    @Test
    void aCountingCompletionCompletesOpenAssignmentsOfThatVersionOrOlderOnly() {
        List<Decision> decisions = ShippedRules.decide(
                new CompletionReported("E1", "SOP-1", "STANDARD", "2.0", 2, null, null, null),
                new OpenAssignment("A1", "E1", "SOP-1", "2.0", 2, DUE, "REVISION"),
                new OpenAssignment("A0", "E1", "SOP-1", "1.0", 1, DUE, "REVISION"),
                new OpenAssignment("A3", "E1", "SOP-1", "3.0", 3, DUE, "REVISION"),
                new OpenAssignment("A9", "E2", "SOP-1", "2.0", 2, DUE, "REVISION"));
        assertThat(ShippedRules.only(CompleteAssignment.class, decisions)).extracting(CompleteAssignment::assignmentId)
                .containsExactly("A0", "A1");
    }

    @Test
    void aCompletionThatDoesNotCountCompletesNothing() {
        List<Decision> decisions = ShippedRules.decide(
                new CompletionReported("E1", "SOP-1", "STANDARD", "1.0", 1, null, 50.0, null),
                new ApplicableMethod("E1", "SOP-1", "ASSESSMENT"),
                new OpenAssignment("A1", "E1", "SOP-1", "1.0", 1, DUE, "REVISION"));
        assertThat(ShippedRules.only(CompleteAssignment.class, decisions)).isEmpty();
    }
}
