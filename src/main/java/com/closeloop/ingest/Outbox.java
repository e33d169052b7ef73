package com.closeloop.ingest;

import java.time.Instant;
import java.util.List;

import com.closeloop.JdbcValues;
import com.closeloop.RecordIds;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Messages for other systems, written in the same transaction as the decisions they report (RELIABILITY.md §1):
 * either both are committed or neither. {@link #afterCommit} tells the publisher to send at once; a periodic sweep
 * sends whatever a crash left pending.
 */
@Component
public class Outbox {

    /** A message waiting to be sent: the outcome of an event. */
    public record Pending(String messageId, String destination, String eventSource, String eventId) {
    }

    private final JdbcTemplate jdbc;
    private volatile Runnable afterCommit = () -> { };

    Outbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The publisher registers what to run once a transaction that added messages has committed. */
    public void onCommit(Runnable publisher) {
        this.afterCommit = publisher;
    }

    /** Records that the outcome of an event is to be sent to {@code destination}, in the event's transaction. */
    void addOutcome(String destination, String eventSource, String eventId, Instant at) {
        jdbc.update("insert into outbox_message (message_id, destination, event_source, event_id, created_at, attempts)"
                + " values (?, ?, ?, ?, ?, 0)", RecordIds.next(), destination, eventSource, eventId, JdbcValues.utc(at));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    afterCommit.run();
                }
            });
        }
    }

    public List<Pending> pending(int limit) {
        return jdbc.query("select message_id, destination, event_source, event_id from outbox_message where sent_at is null"
                + " order by created_at, message_id limit " + Math.max(1, limit),
                (rs, i) -> new Pending(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
    }

    public void markSent(String messageId, Instant at) {
        jdbc.update("update outbox_message set sent_at = ?, attempts = attempts + 1 where message_id = ?", JdbcValues.utc(at), messageId);
    }

    public void markFailed(String messageId) {
        jdbc.update("update outbox_message set attempts = attempts + 1 where message_id = ?", messageId);
    }
}
