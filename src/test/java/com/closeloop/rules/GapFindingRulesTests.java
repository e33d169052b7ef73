package com.closeloop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.closeloop.rules.decisions.GapFinding;
import com.closeloop.rules.facts.CompletionRecord;
import com.closeloop.rules.facts.GapQuestion;
import com.closeloop.rules.facts.InMatrixAt;
import com.closeloop.rules.facts.OverdueAssignmentAt;
import com.closeloop.rules.facts.VersionsAt;

import org.junit.jupiter.api.Test;

/** rules/gap-analysis/findings.drl: one finding per employee x document, the first that applies. */
class GapFindingRulesTests {

    static final Instant T = Instant.parse("2026-03-10T08:00:00Z");
    static final VersionsAt V2_REQUIRED = new VersionsAt("SOP-1", "2.0", 2, "2.0", 2);

    @Test
    void notInTheMatrixComesFirst() {
        assertThat(find(new CompletionRecord("E1", "SOP-1", "2.0", 2, T, null, null, true))).isEqualTo("NOT_IN_MATRIX");
    }

    @Test
    void currentWhenTheRequiredVersionOrALaterOneWasCompleted() {
        assertThat(find(new InMatrixAt("E1", "SOP-1"), new CompletionRecord("E1", "SOP-1", "2.0", 2, T, null, null, true),
                new OverdueAssignmentAt("E1", "SOP-1", "2.0", 2, LocalDate.of(2026, 3, 1)))).isEqualTo("CURRENT");
    }

    @Test
    void assignmentOverdueBeforeTrainedOnSuperseded() {
        assertThat(find(new InMatrixAt("E1", "SOP-1"), new CompletionRecord("E1", "SOP-1", "1.0", 1, T, null, null, true),
                new OverdueAssignmentAt("E1", "SOP-1", "2.0", 2, LocalDate.of(2026, 3, 1)))).isEqualTo("ASSIGNMENT_OVERDUE");
    }

    @Test
    void trainedOnSupersededWhenOnlyAnOlderVersionWasCompleted() {
        assertThat(find(new InMatrixAt("E1", "SOP-1"), new CompletionRecord("E1", "SOP-1", "1.0", 1, T, null, null, true)))
                .isEqualTo("TRAINED_ON_SUPERSEDED_VERSION");
    }

    @Test
    void neverTrainedOtherwiseAndNonCountingCompletionsAreNotTraining() {
        assertThat(find(new InMatrixAt("E1", "SOP-1"))).isEqualTo("NEVER_TRAINED");
        assertThat(find(new InMatrixAt("E1", "SOP-1"), new CompletionRecord("E1", "SOP-1", "2.0", 2, T, 40.0, null, false)))
                .isEqualTo("NEVER_TRAINED");
    }

    static String find(Object... facts) {
        List<Object> all = new ArrayList<>(List.of(facts));
        all.add(new GapQuestion("D1", "E1", "SOP-1", T));
        all.add(V2_REQUIRED);
        List<GapFinding> findings = ShippedRules.only(GapFinding.class, ShippedRules.decide(all.toArray()));
        assertThat(findings).hasSize(1);
        return findings.get(0).finding();
    }
}
