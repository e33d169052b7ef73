package com.closeloop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.closeloop.rules.decisions.ClosureDecision;
import com.closeloop.rules.facts.ActionAssignee;
import com.closeloop.rules.facts.CapaClosureRequested;
import com.closeloop.rules.facts.CapaTrainingAction;
import com.closeloop.rules.facts.CompletionRecord;

import org.junit.jupiter.api.Test;

/** rules/record-closure/capa-closure.drl: closure gating by training evidence (SPEC §4a, §4b). */
class CapaClosureRulesTests {

    static final Instant ADDED = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant AFTER = Instant.parse("2026-03-05T10:00:00Z");
    static final Instant BEFORE = Instant.parse("2026-02-20T10:00:00Z");

    @Test
    void refusedWithEveryMissingCompletionNamedByActionAndEmployee() {
        ClosureDecision decision = decide(List.of(
                action("A1", "COMPLETION", null), action("A2", "COMPLETION", null),
                new ActionAssignee("C1", "A1", "E1"), new ActionAssignee("C1", "A1", "E2"), new ActionAssignee("C1", "A2", "E3"),
                completion("E1", 2, AFTER, null, null, true)));
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.kind()).isEqualTo("CLOSURE_REFUSED");
        assertThat(decision.reasons()).hasSize(2);
        assertThat(decision.reasons().get(0)).startsWith("action A1: no completion").endsWith("— E2");
        assertThat(decision.reasons().get(1)).startsWith("action A2: no completion").endsWith("— E3");
        assertThat(decision.ruleName()).isEqualTo("CAPA closure refused while any training action lacks evidence");
    }

    @Test
    void completionsBeforeTheActionWasAddedOrOfAnOlderVersionDoNotCount() {
        ClosureDecision decision = decide(List.of(action("A1", "COMPLETION", null), new ActionAssignee("C1", "A1", "E1"),
                new ActionAssignee("C1", "A1", "E2"),
                completion("E1", 2, BEFORE, null, null, true),
                completion("E2", 1, AFTER, null, null, true)));
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reasons()).singleElement().asString().endsWith("— E1, E2");
    }

    @Test
    void aLaterVersionCountsAndEveryActionEvidencedAllowsClosure() {
        ClosureDecision decision = decide(List.of(action("A1", "COMPLETION", null), new ActionAssignee("C1", "A1", "E1"),
                completion("E1", 3, AFTER, null, null, true)));
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.kind()).isEqualTo("CLOSURE_ALLOWED");
        assertThat(decision.ruleName()).isEqualTo("CAPA closure allowed when every training action is evidenced");
    }

    @Test
    void assessmentNeedsTheMinimumScore() {
        List<Object> facts = List.of(action("A1", "ASSESSMENT", 80.0), new ActionAssignee("C1", "A1", "E1"),
                completion("E1", 2, AFTER, 70.0, null, true));
        ClosureDecision refused = decide(facts);
        assertThat(refused.reasons()).singleElement().asString().contains("at least 80").endsWith("— E1");

        List<Object> passed = new ArrayList<>(facts);
        passed.add(completion("E1", 2, AFTER.plusSeconds(60), 85.0, null, true));
        assertThat(decide(passed).allowed()).isTrue();
    }

    @Test
    void supervisorVerificationNeedsVerifiedBy() {
        List<Object> facts = new ArrayList<>(List.of(action("A1", "SUPERVISOR", null), new ActionAssignee("C1", "A1", "E1"),
                completion("E1", 2, AFTER, null, null, true)));
        assertThat(decide(facts).reasons()).singleElement().asString().contains("verified");
        facts.add(completion("E1", 2, AFTER.plusSeconds(60), null, "S1", true));
        assertThat(decide(facts).allowed()).isTrue();
    }

    @Test
    void aCompletionThatDoesNotCountIsNamedAsSuch() {
        ClosureDecision decision = decide(List.of(action("A1", "COMPLETION", null), new ActionAssignee("C1", "A1", "E1"),
                completion("E1", 2, AFTER, 50.0, null, false)));
        assertThat(decision.reasons()).singleElement().asString().contains("does not count");
    }

    @Test
    void aCapaWithoutTrainingActionsMayClose() {
        assertThat(decide(List.of()).allowed()).isTrue();
    }

    static CapaTrainingAction action(String id, String kind, Double minScore) {
        return new CapaTrainingAction("C1", id, "SOP-1", "2.0", 2, kind, minScore, ADDED);
    }

    static CompletionRecord completion(String employee, int seq, Instant at, Double score, String verifiedBy, boolean counts) {
        return new CompletionRecord(employee, "SOP-1", seq + ".0", seq, at, score, verifiedBy, counts);
    }

    static ClosureDecision decide(List<Object> facts) {
        List<Object> all = new ArrayList<>(facts);
        all.add(new CapaClosureRequested("C1", "qa.lead"));
        List<ClosureDecision> decisions = ShippedRules.only(ClosureDecision.class, ShippedRules.decide(all.toArray()));
        assertThat(decisions).hasSize(1);
        return decisions.get(0);
    }
}
