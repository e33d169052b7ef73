package com.closeloop.ingest;

import java.time.Instant;
import java.util.List;

import com.closeloop.rules.DecisionRecord;
import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The answer to one submitted event (SPEC §4): {@code APPLIED} with the decisions made, {@code DUPLICATE}
 * for a repeat of an accepted (source, id), or {@code REJECTED} with every field error.
 *
 * @param unprocessable for REJECTED: true when the input was well-formed but refers to unknown records or
 *                      breaks an ordering rule (HTTP 422), false when malformed (HTTP 400)
 */
public record EventOutcome(String eventId, String source, String type, Status status, String ruleSetVersion,
        Instant receivedAt, List<DecisionRecord> decisions, List<FieldError> errors, @JsonIgnore boolean unprocessable) {

    public enum Status { APPLIED, DUPLICATE, REJECTED }

    /** Every error as one line of text ("field: message; …"), e.g. for a dead-letter property. */
    @JsonIgnore
    public String errorText() {
        return errors == null ? "" : FieldError.join(errors);
    }

    static EventOutcome applied(CloudEvent event, String ruleSetVersion, Instant receivedAt, List<DecisionRecord> decisions) {
        return new EventOutcome(event.id(), event.source(), event.type(), Status.APPLIED, ruleSetVersion, receivedAt, decisions,
                null, false);
    }

    static EventOutcome duplicate(CloudEvent event, Instant receivedAt) {
        return new EventOutcome(event.id(), event.source(), event.type(), Status.DUPLICATE, null, receivedAt, List.of(), null,
                false);
    }

    static EventOutcome rejected(CloudEvent event, Instant receivedAt, InvalidEventException problem) {
        return new EventOutcome(event == null ? null : event.id(), event == null ? null : event.source(),
                event == null ? null : event.type(), Status.REJECTED, null, receivedAt, List.of(), problem.errors(),
                problem.unprocessable());
    }
}
