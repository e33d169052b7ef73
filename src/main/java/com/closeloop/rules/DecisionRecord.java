package com.closeloop.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.closeloop.rules.decisions.Decision;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A decision as recorded and reported (SPEC §4 event outcome): what, which rule, which rule-set version,
 * and what it concerned. {@code assignmentId} names the assignment created or changed. {@code attributes} are the
 * decision's own further fields (e.g. a training-impact verdict's {@code verdict}, {@code reason}, {@code decidedBy}),
 * shown beside the others in JSON.
 */
public record DecisionRecord(String kind, String ruleName, String ruleSetVersion, String employeeId, String documentNumber,
        String version, String jobFunctionCode, String assignmentId, LocalDate dueDate, String detail, List<String> reasons,
        @JsonIgnore Map<String, Object> attributes) {

    public DecisionRecord(String kind, String ruleName, String ruleSetVersion, String employeeId, String documentNumber, String version,
            String jobFunctionCode, String assignmentId, LocalDate dueDate, String detail, List<String> reasons) {
        this(kind, ruleName, ruleSetVersion, employeeId, documentNumber, version, jobFunctionCode, assignmentId, dueDate, detail,
                reasons, null);
    }

    public static DecisionRecord of(Decision decision, String ruleSetVersion) {
        return of(decision, ruleSetVersion, decision.assignmentId());
    }

    public static DecisionRecord of(Decision decision, String ruleSetVersion, String assignmentId) {
        return new DecisionRecord(decision.kind(), decision.ruleName(), ruleSetVersion, decision.employeeId(),
                decision.documentNumber(), decision.version(), decision.jobFunctionCode(), assignmentId, decision.dueDate(),
                decision.detail(), decision.reasons(), decision.attributes());
    }

    @JsonAnyGetter
    Map<String, Object> json() {
        return attributes == null ? Map.of() : attributes;
    }
}
