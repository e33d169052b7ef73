package com.closeloop.rules.decisions;

/** An open assignment already covers what a CAPA training action asks: link it to the action instead of assigning again. */
public record LinkAssignment(String capaId, String actionId, String assignmentId, String employeeId, String documentNumber,
        String version, String ruleName) implements Decision {

    @Override
    public String kind() {
        return "LINK";
    }

    @Override
    public String detail() {
        return "CAPA " + capaId + "/" + actionId;
    }
}
