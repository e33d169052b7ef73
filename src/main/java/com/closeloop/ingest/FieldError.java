package com.closeloop.ingest;

import java.util.List;

/** One problem with one field of an inbound event; {@code field} is a path such as {@code jobFunctions[1].from}. */
public record FieldError(String field, String message) {

    /** Every error as one line of text: {@code field: message; field: message}. */
    public static String join(List<FieldError> errors) {
        StringBuilder text = new StringBuilder();
        for (FieldError error : errors) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(error.field()).append(": ").append(error.message());
        }
        return text.toString();
    }
}
