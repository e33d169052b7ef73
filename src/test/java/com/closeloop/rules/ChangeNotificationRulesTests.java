package com.closeloop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import com.closeloop.rules.decisions.AssignTraining;
import com.closeloop.rules.facts.ChangeDocument;
import com.closeloop.rules.facts.ChangeFunction;
import com.closeloop.rules.facts.ChangeNotified;
import com.closeloop.rules.facts.CompletionHeld;
import com.closeloop.rules.facts.Holder;
import com.closeloop.rules.facts.MatrixMapping;
import com.closeloop.rules.facts.VersionToTrain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** rules/changes/change-notification.drl. */
class ChangeNotificationRulesTests {

    static final LocalDate EFFECTIVE = LocalDate.of(2026, 5, 1);

    @ParameterizedTest
    @ValueSource(strings = { "PROCESS_VALIDATION", "SUPPLIER_CHANGE", "REGULATORY_SUBMISSION" })
    void holdersOfNamedAndMappedFunctionsTrainOnTheNamedDocument(String kind) {
        List<AssignTraining> assigned = ShippedRules.only(AssignTraining.class, ShippedRules.decide(
                new ChangeNotified("CH1", kind, EFFECTIVE, true),
                new ChangeDocument("CH1", "SOP-1"),
                new ChangeFunction("CH1", "QA"),
                new VersionToTrain("SOP-1", "STANDARD", "3.0", 3, LocalDate.of(2026, 1, 1)),
                new MatrixMapping("SOP-1", "CLEAN", "READ_AND_UNDERSTAND", null),
                new Holder("E1", "CLEAN"), new Holder("E2", "QA"), new Holder("E3", "PACK"), new Holder("E4", "CLEAN"),
                new CompletionHeld("E4", "SOP-1", 3)));
        assertThat(assigned).extracting(a -> a.employeeId() + " " + a.version() + " " + a.dueDate() + " " + a.reason())
                .containsExactly("E1 3.0 2026-05-31 CHANGE CH1 (" + kind + ")", "E2 3.0 2026-05-31 CHANGE CH1 (" + kind + ")");
    }

    @Test
    void aChangeNamingOnlyJobFunctionsCoversTheirMappedDocuments() {
        List<AssignTraining> assigned = ShippedRules.only(AssignTraining.class, ShippedRules.decide(
                new ChangeNotified("CH2", "SUPPLIER_CHANGE", EFFECTIVE, false),
                new ChangeFunction("CH2", "CLEAN"),
                new MatrixMapping("SOP-1", "CLEAN", "READ_AND_UNDERSTAND", null),
                new MatrixMapping("SOP-2", "CLEAN", "READ_AND_UNDERSTAND", null),
                new MatrixMapping("SOP-3", "PACK", "READ_AND_UNDERSTAND", null),
                new VersionToTrain("SOP-1", "STANDARD", "1.0", 1, EFFECTIVE),
                new VersionToTrain("SOP-2", "STANDARD", "2.0", 2, EFFECTIVE),
                new Holder("E1", "CLEAN")));
        assertThat(assigned).extracting(a -> a.documentNumber() + " " + a.version()).containsExactly("SOP-1 1.0", "SOP-2 2.0");
    }
}
