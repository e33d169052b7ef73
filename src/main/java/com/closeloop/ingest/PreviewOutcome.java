package com.closeloop.ingest;

import java.util.List;

import com.closeloop.rules.DecisionRecord;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What an event would decide if it were sent now ({@code status} PREVIEW), or why it would be refused
 * (REJECTED). Nothing of a preview is kept: {@code persisted} is always false.
 */
public record PreviewOutcome(String eventId, String type, String status, String ruleSetVersion, List<DecisionRecord> decisions,
        Object impact, List<FieldError> errors, @JsonIgnore boolean unprocessable) {

    @JsonProperty
    public boolean persisted() {
        return false;
    }
}
