package com.closeloop.xapi;

import java.util.List;

import com.closeloop.ingest.FieldError;

/** One or more xAPI statements that break the xAPI 1.0.3 rules or this hub's narrower ones; lists every problem found. */
public class XapiValidationException extends RuntimeException {

    private final transient List<FieldError> errors;

    public XapiValidationException(List<FieldError> errors) {
        super(FieldError.join(errors));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
