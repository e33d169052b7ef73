package com.closeloop.personnel;

import java.time.LocalDate;

/** A job function held from {@code from} through {@code to} (inclusive; open-ended when null), as HR sends it. */
public record HoldingSpec(String code, LocalDate from, LocalDate to) {

    /** Held on {@code date} or at any time after it. */
    boolean heldOnOrAfter(LocalDate date) {
        return to == null || !to.isBefore(date);
    }
}
