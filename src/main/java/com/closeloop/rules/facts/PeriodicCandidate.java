package com.closeloop.rules.facts;

import java.time.LocalDate;

/**
 * On a tick: an employee whose last counting completion of a document with a retraining interval may be close to
 * lapsing, with no open assignment for the document and no periodic assignment since that completion. The rules
 * decide whether the day has come (SPEC §4a: 30 days before the lapse date).
 *
 * @param lastCompletedOn plant date of the last counting completion
 * @param months          the retraining interval in force (the shortest of the employee's mapped job functions)
 * @param tickDate        the plant day being ticked
 */
public record PeriodicCandidate(String employeeId, String documentNumber, LocalDate lastCompletedOn, int months, LocalDate tickDate) {

    /** The first day the completion no longer qualifies is the day after this one (SPEC §4b validity window). */
    public LocalDate lapseDate() {
        return lastCompletedOn.plusMonths(months);
    }
}
