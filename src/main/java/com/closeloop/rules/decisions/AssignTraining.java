package com.closeloop.rules.decisions;

import java.time.LocalDate;

/**
 * One employee must train on one document version by a due date.
 *
 * @param reason          why: {@code REVISION}, {@code NEW_HIRE}, {@code NEW_JOB_FUNCTION}, {@code MATRIX_CHANGE}, ...
 * @param ruleName        the rule that decided the training need (stored on the assignment)
 * @param originalDueDate the due date first given, when this assignment carries over an earlier one (re-pointing)
 */
public record AssignTraining(String employeeId, String documentNumber, String version, int versionSeq,
        LocalDate effectiveDate, LocalDate dueDate, String reason, String ruleName, LocalDate originalDueDate) implements Decision {

    public AssignTraining(String employeeId, String documentNumber, String version, int versionSeq, LocalDate effectiveDate,
            LocalDate dueDate, String reason, String ruleName) {
        this(employeeId, documentNumber, version, versionSeq, effectiveDate, dueDate, reason, ruleName, null);
    }

    @Override
    public String kind() {
        return "ASSIGN";
    }

    @Override
    public String detail() {
        return reason;
    }
}
