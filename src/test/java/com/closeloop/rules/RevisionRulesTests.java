package com.closeloop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import com.closeloop.rules.decisions.Decision;
import com.closeloop.rules.decisions.RetrainingDecision;
import com.closeloop.rules.facts.VersionApproved;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** rules/training-needs/revision.drl: whether a revision retrains, and the due date (SPEC §4a). */
class RevisionRulesTests {

    static final LocalDate EFFECTIVE = LocalDate.of(2026, 3, 1);

    @ParameterizedTest(name = "{0} {1} first={2} -> required={3} due={4}")
    @CsvSource(nullValues = "-", value = {
            "MAJOR,          CRITICAL, false, true,  2026-03-01, MAJOR revision of a CRITICAL document: train before it takes effect",
            "MAJOR,          STANDARD, false, true,  2026-03-31, MAJOR revision: retrain within 30 days of effective",
            "MAJOR,          GMP-CORE, false, true,  2026-03-31, MAJOR revision: retrain within 30 days of effective",
            "MINOR,          CRITICAL, false, true,  2026-03-15, MINOR revision of a CRITICAL document: retrain within 14 days of effective",
            "MINOR,          STANDARD, false, false, -,          MINOR revision of a non-CRITICAL document: no retraining",
            "ADMINISTRATIVE, CRITICAL, false, false, -,          ADMINISTRATIVE revision: no retraining",
            "ADMINISTRATIVE, STANDARD, false, false, -,          ADMINISTRATIVE revision: no retraining",
            "MINOR,          CRITICAL, true,  true,  2026-03-01, First version: every mapped job function trains (CRITICAL before effective)",
            "ADMINISTRATIVE, STANDARD, true,  true,  2026-03-31, First version: every mapped job function trains (effective + 30 days)" })
    void exactlyOneRuleDecidesEachRevision(String changeType, String category, boolean first, boolean required, String due,
            String rule) {
        List<Decision> decisions = ShippedRules.decide(new VersionApproved("SOP-1", category, first ? "1.0" : "2.0", first ? 1 : 2,
                changeType, EFFECTIVE, LocalDate.of(2026, 2, 1), first));

        List<RetrainingDecision> retraining = ShippedRules.only(RetrainingDecision.class, decisions);
        assertThat(retraining).hasSize(1);
        assertThat(retraining.get(0).required()).isEqualTo(required);
        assertThat(retraining.get(0).dueDate()).isEqualTo(due == null ? null : LocalDate.parse(due));
        assertThat(retraining.get(0).ruleName()).isEqualTo(rule);
        assertThat(decisions).hasSize(1); // nobody holds a mapped function here, so nothing is assigned
    }
}
