package com.closeloop.ingest;

import java.util.List;

/**
 * An event that cannot be applied. {@code unprocessable} distinguishes well-formed input that names
 * things the hub does not know or refuses (422) from malformed input (400).
 */
public class InvalidEventException extends RuntimeException {

    private final transient List<FieldError> errors;
    private final boolean unprocessable;

    public InvalidEventException(List<FieldError> errors, boolean unprocessable) {
        super(FieldError.join(errors));
        this.errors = List.copyOf(errors);
        this.unprocessable = unprocessable;
    }

    public static InvalidEventException malformed(String field, String message) {
        return new InvalidEventException(List.of(new FieldError(field, message)), false);
    }

    public static InvalidEventException unprocessable(String field, String message) {
        return new InvalidEventException(List.of(new FieldError(field, message)), true);
    }

    public List<FieldError> errors() {
        return errors;
    }

    public boolean unprocessable() {
        return unprocessable;
    }
}
