package com.closeloop.rules.decisions;

import java.time.LocalDate;

/** Whether a document revision requires retraining, and by when. */
public record RetrainingDecision(String documentNumber, String version, boolean required, LocalDate dueDate,
        String detail, String ruleName) implements Decision {

    public static RetrainingDecision required(String documentNumber, String version, LocalDate dueDate, String detail, String ruleName) {
        return new RetrainingDecision(documentNumber, version, true, dueDate, detail, ruleName);
    }

    public static RetrainingDecision notRequired(String documentNumber, String version, String detail, String ruleName) {
        return new RetrainingDecision(documentNumber, version, false, null, detail, ruleName);
    }

    @Override
    public String kind() {
        return required ? "RETRAINING_REQUIRED" : "RETRAINING_NOT_REQUIRED";
    }
}
