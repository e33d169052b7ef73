package com.closeloop.rules.decisions;

import java.time.LocalDate;

/**
 * One item of a day's notification: who is told ({@code recipientKind} EMPLOYEE, SUPERVISOR or QA; {@code recipient} the
 * employee id for the first two, null for QA, whose address is configured) about which assignment, and how urgently
 * ({@code notificationKind} REMINDER, OVERDUE or ESCALATION). The hub gathers a recipient's items into one digest a day.
 */
public record Notify(String recipientKind, String recipient, String notificationKind, String assignmentId, String employeeId,
        String documentNumber, String version, LocalDate dueDate, long daysOverdue, String ruleName) implements Decision {

    @Override
    public String kind() {
        return "NOTIFY";
    }

    @Override
    public String detail() {
        return notificationKind + " to " + recipientKind + (recipient == null ? "" : " " + recipient);
    }
}
