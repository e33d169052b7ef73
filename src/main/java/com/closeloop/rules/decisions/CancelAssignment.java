package com.closeloop.rules.decisions;

/** An open assignment is no longer needed (termination, lost job function, matrix change). */
public record CancelAssignment(String assignmentId, String employeeId, String documentNumber, String version,
        String detail, String ruleName) implements Decision {

    @Override
    public String kind() {
        return "CANCEL";
    }
}
