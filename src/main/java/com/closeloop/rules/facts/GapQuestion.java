package com.closeloop.rules.facts;

import java.time.Instant;

/** For a deviation at {@code at}: was the involved employee trained on the related document? */
public record GapQuestion(String deviationId, String employeeId, String documentNumber, Instant at) {
}
