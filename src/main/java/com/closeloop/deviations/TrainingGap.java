package com.closeloop.deviations;

import java.time.Instant;

/**
 * One involved employee × related document of a deviation, as it stood when the deviation occurred (SPEC §4).
 *
 * @param effectiveVersion the version effective at the deviation's time
 * @param requiredVersion  the version required for qualification then (latest effective that required retraining)
 * @param completedVersion the latest version the employee had completed by then (counting completions first)
 */
public record TrainingGap(String employeeId, String documentNumber, String effectiveVersion, String requiredVersion,
        String completedVersion, Instant completedAt, String finding, String ruleName, String ruleSetVersion) {
}
