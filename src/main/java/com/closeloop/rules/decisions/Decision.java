package com.closeloop.rules.decisions;

import java.time.LocalDate;

/**
 * What a rule concluded. Rules insert decisions as facts; the engine returns them through the
 * {@code decisions} query. Records implement the accessors they carry; the rest stay null.
 */
public interface Decision {

    /** Stable code of the decision, e.g. {@code ASSIGN}, {@code SUPERSEDE}, {@code RETRAINING_REQUIRED}. */
    String kind();

    /** Name of the rule that made the decision. */
    String ruleName();

    default String employeeId() {
        return null;
    }

    default String documentNumber() {
        return null;
    }

    default String version() {
        return null;
    }

    default String jobFunctionCode() {
        return null;
    }

    default String assignmentId() {
        return null;
    }

    default LocalDate dueDate() {
        return null;
    }

    /** Every reason, for decisions that have several (e.g. a refused closure); null otherwise. */
    default java.util.List<String> reasons() {
        return null;
    }

    /** Human-readable reason or detail, e.g. why a completion did not count. */
    default String detail() {
        return null;
    }

    /** The decision's further fields for the outcome (kept in insertion order), or null. */
    default java.util.Map<String, Object> attributes() {
        return null;
    }
}
