package com.closeloop.rules.decisions;

import java.time.LocalDate;

/**
 * Whether a document revision requires retraining, and by when. When QA's training-impact verdict decided it,
 * {@code verdict} ({@code REQUIRED} / {@code NOT_REQUIRED}), {@code verdictReason} and {@code decidedBy} say so and the
 * kind is {@code RETRAINING_REQUIRED} / {@code RETRAINING_WAIVED}.
 */
public record RetrainingDecision(String documentNumber, String version, boolean required, LocalDate dueDate,
        String detail, String ruleName, String verdict, String verdictReason, String decidedBy) implements Decision {

    public RetrainingDecision(String documentNumber, String version, boolean required, LocalDate dueDate, String detail,
            String ruleName) {
        this(documentNumber, version, required, dueDate, detail, ruleName, null, null, null);
    }

    public static RetrainingDecision required(String documentNumber, String version, LocalDate dueDate, String detail, String ruleName) {
        return new RetrainingDecision(documentNumber, version, true, dueDate, detail, ruleName);
    }

    public static RetrainingDecision notRequired(String documentNumber, String version, String detail, String ruleName) {
        return new RetrainingDecision(documentNumber, version, false, null, detail, ruleName);
    }

    /** QA's verdict REQUIRED: retrain with these due dates. */
    public static RetrainingDecision requiredByVerdict(String documentNumber, String version, LocalDate dueDate, String reason,
            String decidedBy, String ruleName) {
        return new RetrainingDecision(documentNumber, version, true, dueDate, "QA verdict REQUIRED by " + decidedBy + ": " + reason,
                ruleName, "REQUIRED", reason, decidedBy);
    }

    /** QA's verdict NOT_REQUIRED: nobody retrains. */
    public static RetrainingDecision waived(String documentNumber, String version, String reason, String decidedBy, String ruleName) {
        return new RetrainingDecision(documentNumber, version, false, null, "QA verdict NOT_REQUIRED by " + decidedBy + ": " + reason,
                ruleName, "NOT_REQUIRED", reason, decidedBy);
    }

    @Override
    public java.util.Map<String, Object> attributes() {
        if (verdict == null) {
            return null;
        }
        java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
        values.put("verdict", verdict);
        values.put("reason", verdictReason);
        values.put("decidedBy", decidedBy);
        return values;
    }

    @Override
    public String kind() {
        if (verdict != null) {
            return required ? "RETRAINING_REQUIRED" : "RETRAINING_WAIVED";
        }
        return required ? "RETRAINING_REQUIRED" : "RETRAINING_NOT_REQUIRED";
    }
}
