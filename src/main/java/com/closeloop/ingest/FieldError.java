package com.closeloop.ingest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** One problem with one field of an inbound event; {@code field} is a path such as {@code jobFunctions[1].from}. */
public record FieldError(String field, String message) {

    /**
     * One error per value the hub does not know, named by its position: {@code unknown("employeeIds", ids, known, "employee")}
     * gives {@code employeeIds[2]: unknown employee 'E9'}. {@code suffix} names a member ({@code ".code"}) when the values
     * come from a list of objects.
     */
    public static List<FieldError> unknown(String field, String suffix, List<String> values, Collection<String> known, String noun) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (!known.contains(values.get(i))) {
                errors.add(new FieldError(field + "[" + i + "]" + suffix, "unknown " + noun + " '" + values.get(i) + "'"));
            }
        }
        return errors;
    }

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
