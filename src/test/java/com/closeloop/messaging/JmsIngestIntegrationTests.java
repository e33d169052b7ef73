package com.closeloop.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.UUID;

import com.closeloop.ingest.DataReader;
import com.closeloop.ingest.EventContext;
import com.closeloop.ingest.EventHandler;
import com.closeloop.rules.DecisionRecord;
import com.closeloop.support.Eventually;
import com.closeloop.support.Hub;
import com.closeloop.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Events over JMS: a real Artemis client over TCP to the embedded broker, as a plant system connects. */
@IntegrationTest
@CamelSpringBootTest
class JmsIngestIntegrationTests {

    static final int PORT = freePort();

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        registry.add("closeloop.jms.tcp-port", () -> PORT);
        registry.add("closeloop.jms.consumers", () -> 4);
        registry.add("closeloop.jms.max-delivery-attempts", () -> 3);
        registry.add("closeloop.outbox.enabled", () -> true);
    }

    /** An event type whose handler fails while {@code failuresLeft} > 0: a transient fault, as a database outage would be. */
    @TestConfiguration
    static class FlakyHandlerConfiguration {

        static final AtomicInteger FAILURES_LEFT = new AtomicInteger();

        @Bean
        EventHandler<String> flakyHandler() {
            return new EventHandler<>() {
                @Override
                public String type() {
                    return "closeloop.test.flaky";
                }

                @Override
                public String read(DataReader data) {
                    return data.text("note", false);
                }

                @Override
                public List<DecisionRecord> apply(EventContext context, String payload) {
                    if (FAILURES_LEFT.getAndDecrement() > 0) {
                        throw new IllegalStateException("simulated transient fault");
                    }
                    return List.of();
                }
            };
        }
    }

    @Test
    void aTransientFaultIsRolledBackAndRedeliveredByTheBroker() throws Exception {
        FlakyHandlerConfiguration.FAILURES_LEFT.set(2);
        Map<String, Object> event = Hub.event("test.flaky", null, Map.of("note", "x"));
        jms.createProducer().send(jms.createQueue("closeloop.events.in"), json.writeValueAsString(event));
        Eventually.await(() -> hub.count("select count(*) from processed_event where event_id = ?", event.get("id")) == 1, Duration.ofSeconds(30));
        assertThat(FlakyHandlerConfiguration.FAILURES_LEFT.get()).isLessThanOrEqualTo(0);
    }

    @Test
    void aPersistentFaultIsDeadLetteredByTheBrokerAfterMaxAttemptsAndCanBeReplayed() throws Exception {
        FlakyHandlerConfiguration.FAILURES_LEFT.set(1_000);
        String marker = UUID.randomUUID().toString();
        Map<String, Object> event = Hub.event("test.flaky", null, Map.of("note", marker));
        jms.createProducer().setProperty("marker", marker).send(jms.createQueue("closeloop.events.in"), json.writeValueAsString(event));
        Message dead = receiveAndKeep(marker);
        assertThat(dead).as("dead-lettered by the broker").isNotNull();
        assertThat(dead.propertyExists("closeloopError")).isFalse();
        assertThat(hub.count("select count(*) from processed_event where event_id = ?", event.get("id"))).isZero();

        FlakyHandlerConfiguration.FAILURES_LEFT.set(0); // the outage is over
        ResponseEntity<JsonNode> replay = hub.admin().postForEntity("/api/admin/dead-letters/replay?max=1000", null, JsonNode.class);
        assertThat(replay.getStatusCode().value()).isEqualTo(200);
        assertThat(replay.getBody().path("moved").asInt()).isPositive();
        Eventually.await(() -> hub.count("select count(*) from processed_event where event_id = ?", event.get("id")) == 1, Duration.ofSeconds(30));
    }

    /** Waits for the dead letter to arrive without consuming it (so the replay endpoint can move it). */
    private Message receiveAndKeep(String marker) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            try (QueueBrowser browser = jms.createBrowser(jms.createQueue("closeloop.events.dlq"), "marker = '" + marker + "'")) {
                var messages = browser.getEnumeration();
                if (messages.hasMoreElements()) {
                    return (Message) messages.nextElement();
                }
            }
            Thread.sleep(200);
        }
        return null;
    }

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CamelContext camel;

    final ObjectMapper json = new ObjectMapper();
    Hub hub;
    ActiveMQConnectionFactory factory;
    JMSContext jms;

    @BeforeEach
    void connect() {
        hub = new Hub(http, jdbc);
        factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + PORT);
        jms = factory.createContext();
    }

    @AfterEach
    void disconnect() {
        jms.close();
        factory.close();
    }

    @Test
    void aThousandEventsOverJmsAreAllApplied() throws Exception {
        String prefix = hub.id("JF");
        NotifyBuilder allDone = new NotifyBuilder(camel).fromRoute("ingest-jms").whenCompleted(1000).create();
        JMSProducer producer = jms.createProducer();
        Instant started = Instant.now();
        for (int i = 0; i < 1000; i++) {
            producer.send(jms.createQueue("closeloop.events.in"), json.writeValueAsString(
                    Hub.event("jobfunction.upserted", null, Map.of("code", prefix + "-" + i, "name", "Function " + i))));
        }
        assertThat(allDone.matches(90, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        Eventually.await(() -> hub.count("select count(*) from job_function where code like ?", prefix + "-%") == 1000, Duration.ofSeconds(30));
        assertThat(hub.count("select count(*) from processed_event where payload like ?", "%" + prefix + "-%")).isEqualTo(1000);
        System.out.printf("1,000 JMS events applied in %d ms%n", Duration.between(started, Instant.now()).toMillis());
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterQueueWithItsErrorAndTheNextIsProcessed() throws Exception {
        String marker = UUID.randomUUID().toString();
        JMSProducer producer = jms.createProducer().setProperty("marker", marker).setProperty("system", "eqms-7");
        producer.send(jms.createQueue("closeloop.events.in"), "{\"specversion\": \"1.0\", \"id\": \"" + marker + "\", broken");
        String good = hub.id("AFTER-POISON");
        jms.createProducer().send(jms.createQueue("closeloop.events.in"), json.writeValueAsString(
                Hub.event("jobfunction.upserted", null, Map.of("code", good, "name", "after"))));

        Message dead = receive("closeloop.events.dlq", "marker = '" + marker + "'");
        assertThat(dead).isNotNull();
        assertThat(dead.getStringProperty("closeloopError")).startsWith("body: is not valid JSON");
        assertThat(dead.getStringProperty("system")).isEqualTo("eqms-7");
        assertThat(((TextMessage) dead).getText()).contains(marker).endsWith("broken");
        Eventually.await(() -> hub.count("select count(*) from job_function where code = ?", good) == 1, Duration.ofSeconds(30));
    }

    @Test
    void anInvalidEventIsDeadLetteredAtOnceNamingTheFieldAndNothingIsApplied() throws Exception {
        String marker = UUID.randomUUID().toString();
        Map<String, Object> event = Hub.event("document.version.approved", null, Map.of("documentNumber", hub.id("DOC")));
        jms.createProducer().setProperty("marker", marker).send(jms.createQueue("closeloop.events.in"), json.writeValueAsString(event));
        Message dead = receive("closeloop.events.dlq", "marker = '" + marker + "'");
        assertThat(dead.getStringProperty("closeloopError")).contains("title: is required").contains("effectiveDate: is required");
        assertThat(dead.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
        assertThat(hub.count("select count(*) from processed_event where event_id = ?", event.get("id"))).isZero();
    }

    @Test
    void binaryModeMessagesAreAccepted() {
        String code = hub.id("BIN");
        jms.createProducer().setProperty("ce_specversion", "1.0").setProperty("ce_id", "jms-" + code)
                .setProperty("ce_source", "urn:plant:mes").setProperty("ce_type", "closeloop.jobfunction.upserted")
                .setProperty("ce_time", "2026-01-01T08:00:00Z")
                .send(jms.createQueue("closeloop.events.in"), "{\"code\": \"" + code + "\", \"name\": \"Binary\"}");
        Eventually.await(() -> hub.count("select count(*) from job_function where code = ?", code) == 1, Duration.ofSeconds(30));
        assertThat(hub.count("select count(*) from processed_event where event_source = 'urn:plant:mes' and event_id = ?", "jms-" + code))
                .isEqualTo(1);
    }

    @Test
    void aDaysNotificationIsPublishedToTheNotificationsTopic() throws Exception {
        String op = hub.jobFunction("OP");
        String sop = hub.id("SOP");
        String e1 = hub.id("E1");
        hub.version(sop, "CRITICAL", "1.0", "MAJOR", "2026-03-01", "2026-01-02T09:00:00Z");
        hub.person(e1, "ACTIVE", "2026-01-03T08:00:00Z", Hub.holds(op, "2025-01-01"));
        hub.map(sop, op, null, "2026-01-04T08:00:00Z"); // due 2026-01-18
        try (JMSConsumer topic = jms.createConsumer(jms.createTopic("closeloop.notifications"), "recipient = '" + e1 + "'")) {
            hub.apply("clock.ticked", "2026-01-11T00:05:00Z", Map.of("date", "2026-01-11")); // 7 days before: a reminder
            JsonNode published = null;
            Instant deadline = Instant.now().plusSeconds(30);
            while (published == null && Instant.now().isBefore(deadline)) {
                if (topic.receive(1000) instanceof TextMessage text) {
                    published = json.readTree(text.getText());
                }
            }
            assertThat(published).isNotNull();
            assertThat(published.path("recipient").asText()).isEqualTo(e1);
            assertThat(published.path("date").asText()).isEqualTo("2026-01-11");
            assertThat(published.path("kind").asText()).isEqualTo("REMINDER");
            assertThat(published.path("items").get(0).path("documentNumber").asText()).isEqualTo(sop);
            Eventually.await(() -> hub.count("select count(*) from notification where recipient = ? and published_count = item_count"
                    + " and item_count = 1", e1) == 1, Duration.ofSeconds(10));
        }
    }

    @Test
    void appliedOutcomesArePublishedToTheOutcomesTopic() throws Exception {
        try (JMSConsumer outcomes = jms.createConsumer(jms.createTopic("closeloop.outcomes"))) {
            Map<String, Object> event = Hub.event("jobfunction.upserted", null, Map.of("code", hub.id("OUT"), "name", "out"));
            hub.post(event);
            JsonNode outcome = null;
            Instant deadline = Instant.now().plusSeconds(30);
            while (outcome == null && Instant.now().isBefore(deadline)) {
                Message message = outcomes.receive(1000);
                if (message instanceof TextMessage text && text.getText().contains(event.get("id").toString())) {
                    outcome = json.readTree(text.getText());
                }
            }
            assertThat(outcome).isNotNull();
            assertThat(outcome.path("status").asText()).isEqualTo("APPLIED");
            assertThat(outcome.path("ruleSetVersion").asText()).hasSize(12);
            Eventually.await(() -> hub.count("select count(*) from outbox_message where event_id = ? and sent_at is not null",
                    event.get("id")) == 1, Duration.ofSeconds(10));
        }
    }

    @Test
    void anOutcomeLeftPendingByACrashIsSentByTheNextSweep() throws Exception {
        // Earlier tests may have left a backlog (1,000 outcomes): let the publisher catch up first.
        Eventually.await(() -> hub.count("select count(*) from outbox_message where sent_at is null") == 0, Duration.ofSeconds(120));
        String messageId = UUID.randomUUID().toString();
        Map<String, Object> event = Hub.event("jobfunction.upserted", null, Map.of("code", hub.id("PENDING"), "name", "pending"));
        hub.post(event);
        String marker = event.get("id").toString();
        try (JMSConsumer outcomes = jms.createConsumer(jms.createTopic("closeloop.outcomes"))) {
            // As a crash between commit and send would leave it: committed, not sent.
            jdbc.update("insert into outbox_message (message_id, destination, event_source, event_id, created_at, attempts)"
                    + " values (?, 'closeloop.outcomes', ?, ?, current_timestamp, 0)", messageId, Hub.SOURCE, marker);
            String received = null;
            Instant deadline = Instant.now().plusSeconds(30);
            while (received == null && Instant.now().isBefore(deadline)) {
                Message message = outcomes.receive(1000);
                if (message instanceof TextMessage text && messageId.equals(message.getStringProperty("_AMQ_DUPL_ID"))) {
                    received = text.getText();
                }
            }
            assertThat(received).contains(marker).contains("\"status\":\"APPLIED\"");
        }
        Eventually.await(() -> hub.count("select count(*) from outbox_message where message_id = ? and sent_at is not null", messageId) == 1,
                Duration.ofSeconds(10));
    }

    @Test
    void theSameEventOverRestAndJmsIsAppliedOnce() throws Exception {
        String code = hub.id("ONCE");
        Map<String, Object> event = Hub.event("jobfunction.upserted", null, Map.of("code", code, "name", "once"));
        assertThat(hub.post(event).getStatusCode().value()).isEqualTo(202);
        String marker = UUID.randomUUID().toString();
        jms.createProducer().setProperty("marker", marker).send(jms.createQueue("closeloop.events.in"), json.writeValueAsString(event));
        String after = hub.id("ONCE-AFTER");
        jms.createProducer().send(jms.createQueue("closeloop.events.in"), json.writeValueAsString(
                Hub.event("jobfunction.upserted", null, Map.of("code", after, "name", "after"))));
        Eventually.await(() -> hub.count("select count(*) from job_function where code = ?", after) == 1, Duration.ofSeconds(30));
        assertThat(hub.count("select count(*) from processed_event where event_id = ?", event.get("id"))).isEqualTo(1);
        assertThat(receiveNow("closeloop.events.dlq", "marker = '" + marker + "'")).isNull(); // a duplicate is not a dead letter
    }

    private Message receive(String queue, String selector) {
        try (JMSConsumer consumer = jms.createConsumer(jms.createQueue(queue), selector)) {
            return consumer.receive(30_000);
        }
    }

    private Message receiveNow(String queue, String selector) {
        try (JMSConsumer consumer = jms.createConsumer(jms.createQueue(queue), selector)) {
            return consumer.receive(500);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
