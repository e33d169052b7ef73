package com.closeloop.rules.decisions;

import java.util.List;

/**
 * The rules' answer on readiness: per job function ({@code FUNCTION_READY} / {@code FUNCTION_NOT_READY}, with the job
 * function) or for the version ({@code EFFECTIVITY_ALLOWED} / {@code EFFECTIVITY_REFUSED}, with a reason per unready
 * job function).
 */
public record ReadinessDecision(String kind, String documentNumber, String version, String jobFunctionCode, List<String> reasons,
        String ruleName) implements Decision {

    public static ReadinessDecision function(boolean ready, String documentNumber, String version, String jobFunctionCode,
            String reason, String ruleName) {
        return new ReadinessDecision(ready ? "FUNCTION_READY" : "FUNCTION_NOT_READY", documentNumber, version,
                jobFunctionCode, List.of(reason), ruleName);
    }

    public static ReadinessDecision version(boolean allowed, String documentNumber, String version, List<?> unready, String ruleName) {
        List<String> reasons = unready.stream().map(o -> (ReadinessDecision) o).map(d -> d.reasons().get(0)).sorted().toList();
        return new ReadinessDecision(allowed ? "EFFECTIVITY_ALLOWED" : "EFFECTIVITY_REFUSED", documentNumber, version, null, reasons,
                ruleName);
    }

    @Override
    public String detail() {
        return reasons.isEmpty() ? null : String.join("\n", reasons);
    }
}
