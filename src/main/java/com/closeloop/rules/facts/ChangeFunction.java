package com.closeloop.rules.facts;

/** A job function a change notification named. */
public record ChangeFunction(String changeId, String jobFunctionCode) {
}
