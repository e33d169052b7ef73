package com.closeloop.rules.facts;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * On a tick: an assignment open at the tick's time whose due date makes the day one the reminder rules may care about
 * (the hub only passes due dates at 7 days before, on the day, and past due on the overdue and escalation days).
 *
 * @param supervisorId the employee's supervisor, or null
 * @param capa         true when a CAPA training action made the assignment
 */
public record DueItem(String assignmentId, String employeeId, String supervisorId, String documentNumber, String version, String category,
        LocalDate dueDate, boolean capa, LocalDate tickDate) {

    /** Tick date minus due date: negative before the due date, 0 on it. */
    public long daysOverdue() {
        return ChronoUnit.DAYS.between(dueDate, tickDate);
    }
}
