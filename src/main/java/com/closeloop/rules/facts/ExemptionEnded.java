package com.closeloop.rules.facts;

import java.time.LocalDate;

/**
 * An exemption ended: its {@code validUntil} has passed (on the tick of the next day) or it was revoked. {@code endDate} is
 * {@code validUntil} or the revocation's plant date; {@code requiredSeq} the version sequence required for qualification the
 * day after; {@code category} the document's.
 */
public record ExemptionEnded(String exemptionId, String employeeId, String documentNumber, String category, LocalDate endDate,
        int requiredSeq, boolean revoked) {
}
