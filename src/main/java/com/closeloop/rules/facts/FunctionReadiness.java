package com.closeloop.rules.facts;

/**
 * For the effectivity readiness gate: of a job function mapped to the document, how many active holders must train on the
 * version ({@code required}) and how many are qualified on it ({@code qualified}) at the judged time.
 */
public record FunctionReadiness(String documentNumber, String version, String category, String jobFunctionCode, int required,
        int qualified) {

    /** Qualified share in percent (100 when nobody must train). */
    public double percent() {
        return required == 0 ? 100.0 : qualified * 100.0 / required;
    }
}
