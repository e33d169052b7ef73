package com.closeloop.rules.decisions;

/**
 * An assignment becomes {@code EXEMPTED} under an exemption: an open one ({@code assignmentId}), or one being created by the
 * same event ({@code assignmentId} null: the new assignment of the employee for the document).
 */
public record ExemptAssignment(String assignmentId, String employeeId, String documentNumber, String version, String exemptionId,
        String ruleName) implements Decision {

    @Override
    public String kind() {
        return "EXEMPT";
    }

    @Override
    public String detail() {
        return "exempted (" + exemptionId + ")";
    }
}
