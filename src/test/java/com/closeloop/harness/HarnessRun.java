package com.closeloop.harness;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * One harness run: its own database, broker process (journal in the run's folder), a TCP proxy per hub node in front
 * of PostgreSQL, and N hub processes ({@code java -Xmx512m -cp target/classes:<runtime deps> CloseloopApplication})
 * configured as an operator would: profile postgres, SPRING_DATASOURCE_*, SPRING_ARTEMIS_MODE=native and
 * SPRING_ARTEMIS_BROKER_URL, the repository's rules/, routes/ and connectors/.
 */
final class HarnessRun implements AutoCloseable {

    static final String EVENTS_QUEUE = "closeloop.events.in";
    static final String DLQ = "closeloop.events.dlq";
    static final String ADMIN_PASSWORD = "harness-admin-password";

    final String name;
    final Path dir;
    final HarnessDatabase db;
    final int brokerPort = freePort();
    final ChildJvm broker;
    final List<ChildJvm> hubs = new ArrayList<>();
    final List<TcpProxy> proxies = new ArrayList<>();
    final List<Integer> httpPorts = new ArrayList<>();
    final Path dropRoot;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    HarnessRun(String name, int nodes) throws Exception {
        this.name = name;
        this.dir = Path.of("target", "harness", name).toAbsolutePath();
        deleteRecursively(dir);
        Files.createDirectories(dir);
        this.dropRoot = Files.createDirectories(dir.resolve("drop"));
        this.db = new HarnessDatabase("closeloop_harness_" + name).recreate();
        this.broker = new ChildJvm("broker", List.of("-Xmx256m"), ChildJvm.testClasspath(), HarnessBroker.class.getName(),
                List.of(dir.resolve("broker-data").toString(), String.valueOf(brokerPort), "5"), Map.of(), dir);
        Path repo = Path.of("").toAbsolutePath();
        String heap = System.getProperty("harness.hub.heap", "512m");
        for (int i = 1; i <= nodes; i++) {
            TcpProxy proxy = new TcpProxy(HarnessDatabase.PORT);
            proxies.add(proxy);
            int httpPort = freePort();
            httpPorts.add(httpPort);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("SPRING_PROFILES_ACTIVE", "postgres");
            env.put("SPRING_DATASOURCE_URL", db.jdbcUrl(proxy.port()) + "?ApplicationName=hub" + i);
            env.put("SPRING_DATASOURCE_USERNAME", HarnessDatabase.USER);
            env.put("SPRING_DATASOURCE_PASSWORD", HarnessDatabase.PASSWORD);
            env.put("SPRING_ARTEMIS_MODE", "native");
            env.put("SPRING_ARTEMIS_BROKER_URL", "tcp://127.0.0.1:" + brokerPort);
            env.put("SPRING_ARTEMIS_USER", "harness");
            env.put("SPRING_ARTEMIS_PASSWORD", "harness");
            env.put("PORT", String.valueOf(httpPort));
            env.put("CLOSELOOP_RULES_DIR", repo.resolve("rules").toString());
            env.put("CLOSELOOP_ROUTES_DIR", repo.resolve("routes").toString());
            env.put("CLOSELOOP_CONNECTORS_DIR", repo.resolve("connectors").toString());
            env.put("CLOSELOOP_CONNECTORS_DROP_ROOT", dropRoot.toString());
            env.put("CLOSELOOP_CLOCK_ENABLED", "false");
            env.put("CLOSELOOP_DEMO", "false");
            env.put("CLOSELOOP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            env.put("CLOSELOOP_JMS_CONSUMERS", System.getProperty("harness.consumers", "2"));
            hubs.add(new ChildJvm("hub" + i, List.of("-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError"), ChildJvm.hubClasspath(),
                    "com.closeloop.CloseloopApplication", List.of(), env, dir.resolve("node" + i)));
        }
    }

    void startBroker() throws Exception {
        broker.start();
        broker.awaitReady(() -> {
            try {
                return broker.logText().contains(HarnessBroker.READY);
            } catch (IOException e) {
                return false;
            }
        }, Duration.ofSeconds(60));
    }

    void startHub(int node) throws Exception {
        ChildJvm hub = hubs.get(node - 1);
        hub.start();
        hub.awaitReady(() -> health(node), Duration.ofSeconds(180));
    }

    boolean health(int node) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPorts.get(node - 1)
                    + "/actuator/health")).timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** GET as the first admin; the body. */
    String get(int node, String path) throws Exception {
        String auth = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPorts.get(node - 1) + path))
                .header("Authorization", "Basic " + auth).timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    ActiveMQConnectionFactory jms() {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
    }

    /** Sends the messages as a plant system would, persistent, in local transactions of 100; returns the time it took. */
    Duration send(List<HarnessEvents.Message> messages) throws JMSException {
        Instant started = Instant.now();
        try (ActiveMQConnectionFactory factory = jms(); Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            Queue queue = session.createQueue(EVENTS_QUEUE);
            MessageProducer producer = session.createProducer(queue);
            int inBatch = 0;
            for (HarnessEvents.Message m : messages) {
                TextMessage out = session.createTextMessage(m.json());
                if (m.group() != null) {
                    out.setStringProperty("JMSXGroupID", m.group());
                }
                producer.send(out);
                if (++inBatch == 100) {
                    session.commit();
                    inBatch = 0;
                }
            }
            session.commit();
        }
        return Duration.between(started, Instant.now());
    }

    /** Messages left on a queue (browsed, nothing consumed); stops counting at {@code max}. */
    int browse(String queueName, int max) throws JMSException {
        try (ActiveMQConnectionFactory factory = jms(); Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (QueueBrowser browser = session.createBrowser(session.createQueue(queueName))) {
                var e = browser.getEnumeration();
                int n = 0;
                while (n < max && e.hasMoreElements()) {
                    e.nextElement();
                    n++;
                }
                return n;
            }
        }
    }

    long processed() {
        return db.count("select count(*) from processed_event");
    }

    /** Waits for {@code condition}, sampling every child's memory meanwhile. */
    void await(String what, BooleanSupplier condition, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(name + ": timed out after " + timeout + " waiting for " + what + " (processed_event rows: "
                        + processed() + ")");
            }
            hubs.forEach(ChildJvm::sampleMemory);
            broker.sampleMemory();
            Thread.sleep(200);
        }
    }

    /** Waits until every expected event is recorded and the events queue is empty (re-sends consumed too). */
    void awaitDrained(long expectedEvents, Duration timeout) throws Exception {
        await("all " + expectedEvents + " events recorded", () -> processed() >= expectedEvents, timeout);
        await("the events queue to drain", () -> {
            try {
                return browse(EVENTS_QUEUE, 1) == 0;
            } catch (JMSException e) {
                return false;
            }
        }, timeout);
        Thread.sleep(2000); // in-flight re-sends finish their (duplicate) transactions
        await("the events queue to stay empty", () -> {
            try {
                return browse(EVENTS_QUEUE, 1) == 0;
            } catch (JMSException e) {
                return false;
            }
        }, timeout);
    }

    long peakHubRssKb() {
        return hubs.stream().mapToLong(ChildJvm::peakRssKb).max().orElse(0);
    }

    @Override
    public void close() throws Exception {
        for (ChildJvm hub : hubs) {
            hub.stop();
        }
        broker.stop();
        for (TcpProxy proxy : proxies) {
            proxy.close();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
