package com.closeloop;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Query parameters that hold dates and instants, read the same way by every endpoint: blank is absent, bad is a 400 naming the parameter. */
public final class RequestValues {

    private RequestValues() {
    }

    /** An RFC 3339 timestamp with offset; null when blank. */
    public static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(field, "must be an RFC 3339 timestamp with offset, e.g. 2026-03-01T08:00:00Z");
        }
    }

    /** An ISO date; null when blank. */
    public static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(field, "must be an ISO date, e.g. 2026-01-01");
        }
    }
}
