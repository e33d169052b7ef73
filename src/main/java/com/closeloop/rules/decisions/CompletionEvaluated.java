package com.closeloop.rules.decisions;

/** Whether a reported completion counts as evidence of training (SPEC §2a.7), and why not if it does not. */
public record CompletionEvaluated(String employeeId, String documentNumber, String version, int versionSeq,
        boolean counts, String detail, String ruleName) implements Decision {

    @Override
    public String kind() {
        return counts ? "COMPLETION_COUNTS" : "COMPLETION_NOT_COUNTED";
    }
}
