package com.closeloop.rules.facts;

import java.time.LocalDate;

/** The plant day a {@code closeloop.clock.ticked} event begins. */
public record ClockTicked(LocalDate date) {
}
