package com.closeloop.rules.facts;

/** An active employee holds a job function (now or from a future date). */
public record Holder(String employeeId, String jobFunctionCode) {
}
