package com.closeloop.messaging;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.closeloop.notifications.NotificationView;
import com.closeloop.notifications.Notifications;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.jms.ConnectionFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes each day's notifications (SPEC §4 notification JSON) to the notifications topic once they are committed, and
 * again when a follow-up adds items; the notification table is the outbox (published vs. item count), and each message
 * carries Artemis' duplicate id (notification id and item count), so a re-send after a crash is dropped. Enabled with the
 * outbox ({@code closeloop.outbox.enabled}).
 */
@Component
@ConditionalOnProperty(name = "closeloop.outbox.enabled", havingValue = "true", matchIfMissing = true)
class NotificationPublisher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NotificationPublisher.class);

    private final Notifications notifications;
    private final ObjectMapper json;
    private final JmsTemplate jms;
    private final String topic;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "closeloop-notification-topic");
        t.setDaemon(true);
        return t;
    });

    NotificationPublisher(Notifications notifications, ObjectMapper json, ConnectionFactory connectionFactory,
            @Value("${closeloop.jms.notifications-topic:closeloop.notifications}") String topic,
            @Value("${closeloop.outbox.sweep-ms:1000}") long sweepMs) {
        this.notifications = notifications;
        this.json = json;
        this.topic = topic;
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setPubSubDomain(true);
        thread.scheduleWithFixedDelay(this::publish, sweepMs, sweepMs, TimeUnit.MILLISECONDS);
    }

    void publish() {
        try {
            for (var batch = notifications.unpublished(200); !batch.isEmpty(); batch = notifications.unpublished(200)) {
                for (Map.Entry<NotificationView, Integer> pending : batch) {
                    NotificationView n = pending.getKey();
                    String payload = json.writeValueAsString(n);
                    jms.send(topic, session -> {
                        var out = session.createTextMessage(payload);
                        out.setStringProperty("_AMQ_DUPL_ID", n.notificationId() + ":" + pending.getValue());
                        out.setStringProperty("recipient", n.recipient());
                        return out;
                    });
                    notifications.markPublished(n.notificationId(), pending.getValue());
                }
            }
        } catch (RuntimeException | JsonProcessingException e) {
            log.warn("Notifications topic: sending failed, will retry: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        thread.shutdownNow();
    }
}
