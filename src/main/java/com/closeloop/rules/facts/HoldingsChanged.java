package com.closeloop.rules.facts;

/** An active employee's job-function holdings were replaced by a personnel upsert. */
public record HoldingsChanged(String employeeId) {
}
