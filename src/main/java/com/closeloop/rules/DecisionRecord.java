package com.closeloop.rules;

import java.time.LocalDate;
import java.util.List;

import com.closeloop.rules.decisions.Decision;

/**
 * A decision as recorded and reported (SPEC §4 event outcome): what, which rule, which rule-set version,
 * and what it concerned. {@code assignmentId} names the assignment created or changed.
 */
public record DecisionRecord(String kind, String ruleName, String ruleSetVersion, String employeeId, String documentNumber,
        String version, String jobFunctionCode, String assignmentId, LocalDate dueDate, String detail, List<String> reasons) {

    public static DecisionRecord of(Decision decision, String ruleSetVersion) {
        return of(decision, ruleSetVersion, decision.assignmentId());
    }

    public static DecisionRecord of(Decision decision, String ruleSetVersion, String assignmentId) {
        return new DecisionRecord(decision.kind(), decision.ruleName(), ruleSetVersion, decision.employeeId(),
                decision.documentNumber(), decision.version(), decision.jobFunctionCode(), assignmentId, decision.dueDate(),
                decision.detail(), decision.reasons());
    }
}
