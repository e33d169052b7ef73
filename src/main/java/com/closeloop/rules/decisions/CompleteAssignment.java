package com.closeloop.rules.decisions;

/** A counting completion completes an open assignment (of that version or an older one). */
public record CompleteAssignment(String assignmentId, String employeeId, String documentNumber, String version,
        String ruleName) implements Decision {

    @Override
    public String kind() {
        return "COMPLETE";
    }
}
