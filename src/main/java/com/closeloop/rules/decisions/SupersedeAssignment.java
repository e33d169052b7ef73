package com.closeloop.rules.decisions;

/** An open assignment for an older version gives way to the assignment for {@code byVersion}. */
public record SupersedeAssignment(String assignmentId, String employeeId, String documentNumber, String version,
        String byVersion, String ruleName) implements Decision {

    @Override
    public String kind() {
        return "SUPERSEDE";
    }

    @Override
    public String detail() {
        return "superseded by version " + byVersion;
    }
}
