package com.closeloop.audit;

import java.time.Instant;

/**
 * Who and what caused the changes of one transaction: the actor (a signed-in user, an API key with its
 * connector, or {@code system}), the channel or source system it came through, the reason, and the source event.
 *
 * @param recordedAt when the hub received the request (the receipt time, always recorded; SPEC §4b)
 * @param eventTime  the event's own time ("now" for its decisions), when the change came from an event
 */
public record Attribution(String actor, String via, String reason, String eventSource, String eventId, Instant eventTime,
        Instant recordedAt) {

    /** Changes made by applying one inbound event. */
    public static Attribution ofEvent(String actor, String eventType, String eventSource, String eventId, Instant eventTime,
            Instant receivedAt) {
        return new Attribution(actor, eventSource, "event " + eventType, eventSource, eventId, eventTime, receivedAt);
    }

    /** Changes made by a person or the hub itself outside the event path (administration, rule activation). */
    public static Attribution of(String actor, String via, String reason, Instant at) {
        return new Attribution(actor, via, reason, null, null, null, at);
    }
}
