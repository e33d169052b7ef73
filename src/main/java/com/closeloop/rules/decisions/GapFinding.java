package com.closeloop.rules.decisions;

/**
 * Training-gap finding for one involved employee and related document of a deviation:
 * {@code NOT_IN_MATRIX}, {@code CURRENT}, {@code ASSIGNMENT_OVERDUE}, {@code TRAINED_ON_SUPERSEDED_VERSION}, {@code NEVER_TRAINED}.
 */
public record GapFinding(String deviationId, String employeeId, String documentNumber, String finding, String ruleName)
        implements Decision {

    @Override
    public String kind() {
        return "GAP_FINDING";
    }

    @Override
    public String detail() {
        return finding;
    }
}
