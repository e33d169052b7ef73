package com.closeloop.rules.facts;

import java.time.LocalDate;

/**
 * An employee gained a job function (new hire or role change) mapped to a document; {@code version} is the
 * version to train on (effective on the later of {@code from} and the event date, or the latest approved).
 */
public record OnboardingTarget(String employeeId, String jobFunctionCode, LocalDate from, boolean newHire,
        String documentNumber, String category, String version, int seq, LocalDate effectiveDate) {
}
