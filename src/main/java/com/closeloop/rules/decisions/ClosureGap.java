package com.closeloop.rules.decisions;

/**
 * A CAPA training action lacks evidence for one employee; recorded with the closure decision it leads to.
 *
 * @param gap {@code NO_COMPLETION}, {@code EVIDENCE_INSUFFICIENT}, {@code SCORE_BELOW_MINIMUM} or {@code NOT_VERIFIED}
 */
public record ClosureGap(String capaId, String actionId, String employeeId, String documentNumber, String version, String gap,
        String detail, String ruleName) implements Decision {

    @Override
    public String kind() {
        return "EVIDENCE_GAP";
    }
}
