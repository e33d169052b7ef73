package com.closeloop.rules.decisions;

import java.time.LocalDate;

/**
 * One employee must train on one document version by a due date.
 *
 * @param reason     why: {@code REVISION}, {@code NEW_HIRE}, {@code NEW_JOB_FUNCTION}, {@code MATRIX_CHANGE}, ...
 * @param ruleName   the rule that decided the training need (stored on the assignment)
 */
public record AssignTraining(String employeeId, String documentNumber, String version, int versionSeq,
        LocalDate effectiveDate, LocalDate dueDate, String reason, String ruleName) implements Decision {

    @Override
    public String kind() {
        return "ASSIGN";
    }

    @Override
    public String detail() {
        return reason;
    }
}
