package com.closeloop.messaging;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.closeloop.ingest.Outbox;
import com.closeloop.ingest.Outcomes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

import jakarta.jms.ConnectionFactory;

/**
 * Sends outbox messages to their JMS destinations after the commit that wrote them, in order, each with its id as
 * Artemis' duplicate id ({@code _AMQ_DUPL_ID}); marks them sent. Runs on its own thread, woken after each commit and
 * every second for anything left pending (a restart, a broker that was down): a failing broker never blocks or
 * rolls back event processing, and nothing committed is left unsent.
 */
@Component
@ConditionalOnProperty(name = "closeloop.outbox.enabled", havingValue = "true", matchIfMissing = true)
class OutboxPublisher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);

    private final Outbox outbox;
    private final Outcomes outcomes;
    private final ObjectMapper json;
    private final JmsTemplate jms;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "closeloop-outbox");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();

    OutboxPublisher(Outbox outbox, Outcomes outcomes, ObjectMapper json, ConnectionFactory connectionFactory,
            @Value("${closeloop.outbox.sweep-ms:1000}") long sweepMs) {
        this.outbox = outbox;
        this.outcomes = outcomes;
        this.json = json;
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setPubSubDomain(true);
        outbox.onCommit(this::wakeUp);
        thread.scheduleWithFixedDelay(this::publish, sweepMs, sweepMs, TimeUnit.MILLISECONDS);
    }

    void wakeUp() {
        if (wakeUpPending.compareAndSet(false, true)) {
            thread.execute(() -> {
                wakeUpPending.set(false);
                publish();
            });
        }
    }

    /** Sends everything pending, oldest first; stops at the first failure and retries on the next sweep. */
    void publish() {
        try {
            for (var batch = outbox.pending(200); !batch.isEmpty(); batch = outbox.pending(200)) {
                for (Outbox.Pending message : batch) {
                    String payload = json.writeValueAsString(outcomes.of(message.eventSource(), message.eventId()).orElseThrow());
                    jms.send(message.destination(), session -> {
                        var out = session.createTextMessage(payload);
                        out.setStringProperty("_AMQ_DUPL_ID", message.messageId());
                        return out;
                    });
                    outbox.markSent(message.messageId(), Instant.now());
                }
            }
        } catch (RuntimeException | JsonProcessingException e) {
            log.warn("Outbox: sending failed, will retry: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        thread.shutdownNow();
    }
}
