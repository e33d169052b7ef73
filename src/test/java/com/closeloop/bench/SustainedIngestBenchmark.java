package com.closeloop.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import com.closeloop.CloseloopApplication;
import com.closeloop.ingest.EventOutcome;
import com.closeloop.security.ApiKeys;
import com.closeloop.security.Role;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.ProducerTemplate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sustained durable ingest (issue 8): {@code events} events per invocation, sent by {@code clients} concurrent senders
 * over JMS (persistent messages to the hub's embedded, persistent broker over TCP, consumed by {@code clients} transacted
 * consumers) or over REST ({@code POST /api/events} with an INGEST API key, {@code clients} HTTP client threads).
 * "Durable" = the event's rows are committed to the database (and, over JMS, the message was journaled before).
 * <p>
 * Events are {@code closeloop.training.completed} (the high-volume event: an LMS reporting completions; each one is
 * validated, read against the employee's holdings, matrix and open assignments, judged by the evidence rules, written,
 * audited and closes an open assignment) or, with {@code -p kind=jobfunction}, the minimal
 * {@code closeloop.jobfunction.upserted}.
 * <p>
 * Open loop: event i is due at {@code start + i / rate} ({@code rate} = 0: all at once, which measures saturation
 * throughput). Latency is measured from the due time (so a sender that falls behind does not hide the queueing delay):
 * REST to the 202 (after the commit); JMS to the event's outcome arriving on the outcomes topic (after the commit and
 * the outbox publisher). The JMH score is the time for the whole batch; the trial teardown prints events/s, p50/p90/p99
 * latency, process CPU per event (hub + clients, and the clients' sending threads separately), heap used and GC time over
 * the measured batches.
 * <p>
 * The floors, in the same run and against the same database: the minimal durable write of an event (its idempotency row
 * with the payload, a completion row, an outbox row) from {@code clients} threads, one commit per event and one commit
 * per 100 events.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, batchSize = 1)
@Measurement(iterations = 5, batchSize = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xmx1g" })
public class SustainedIngestBenchmark {

    @Param({ "rest", "jms" })
    public String channel;

    @Param({ "completion" })
    public String kind;

    @Param({ "2000" })
    public int events;

    @Param({ "4" })
    public int clients;

    /** Events per second offered; 0 = as fast as the senders can (saturation). */
    @Param({ "0" })
    public int rate;

    /** Employees and documents for completions: every completion in a trial closes an open assignment. */
    static final int EMPLOYEES = 2000;
    static final int DOCUMENTS = 20;

    final String run = "I" + Long.toString(System.nanoTime() % 10_000_000_000L, 36).toUpperCase();
    final ObjectMapper json = new ObjectMapper();

    ConfigurableApplicationContext context;
    JdbcTemplate jdbc;
    TransactionTemplate transaction;
    HttpClient http;
    URI eventsUri;
    String apiKey;
    ActiveMQConnectionFactory factory;
    JMSContext outcomesContext;
    final ConcurrentHashMap<String, Integer> pendingIndex = new ConcurrentHashMap<>();
    String completedAt;

    String benchmark;
    boolean measuring;
    int batch;
    int sent;

    // per-batch state
    long[] due;
    long committedNanos;
    long[] latency;
    CountDownLatch done;
    final AtomicReference<Throwable> failure = new AtomicReference<>();

    // measured totals
    final List<long[]> latencies = new ArrayList<>();
    long measuredEvents;
    long measuredWallNanos;
    long measuredCommittedNanos;
    long measuredCpuNanos;
    final LongAdder clientCpuNanos = new LongAdder();
    long measuredClientCpuNanos;
    long measuredGcMillis;
    long measuredGcCount;
    final AtomicLong maxHeap = new AtomicLong();
    final List<Long> heapAfterBatch = new ArrayList<>();

    @Setup(Level.Trial)
    public void start(BenchmarkParams params) throws Exception {
        benchmark = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        Path data = Files.createTempDirectory("closeloop-ingest");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = System.getProperty("bench.datasource.url", "jdbc:h2:file:" + data.resolve("db")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        context = new SpringApplicationBuilder(CloseloopApplication.class).run("--server.port=0",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + System.getProperty("bench.datasource.username", "sa"),
                "--spring.datasource.password=" + System.getProperty("bench.datasource.password", ""),
                "--spring.profiles.active=" + System.getProperty("bench.profiles", "default"),
                "--spring.artemis.embedded.persistent=true", "--spring.artemis.embedded.data-directory=" + data.resolve("artemis"),
                "--closeloop.jms.tcp-port=" + port, "--closeloop.jms.consumers=" + clients, "--closeloop.demo.enabled=false",
                "--closeloop.clock.enabled=false", "--closeloop.admin.user=bench", "--closeloop.admin.password=bench-password-0123",
                "--closeloop.connectors.drop-root=" + data.resolve("drop"), "--logging.level.root=WARN");
        jdbc = context.getBean(JdbcTemplate.class);
        transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        boolean postgres = url.startsWith("jdbc:postgresql");
        if (kind.equals("completion")) {
            plant(postgres);
        }
        completedAt = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        apiKey = context.getBean(ApiKeys.class).issue("bench-ingest", Role.INGEST, "bench").key();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        eventsUri = URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + "/api/events");
        factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
        outcomesContext = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        JMSConsumer outcomes = outcomesContext.createConsumer(outcomesContext.createTopic(
                context.getEnvironment().getProperty("closeloop.jms.outcomes-topic", "closeloop.outcomes")));
        outcomes.setMessageListener(message -> {
            try {
                String body = ((TextMessage) message).getText();
                int at = body.indexOf("\"eventId\":\"");
                if (at >= 0) {
                    int from = at + 11;
                    Integer i = pendingIndex.remove(body.substring(from, body.indexOf('"', from)));
                    if (i != null) {
                        arrived(i, System.nanoTime());
                    }
                }
            } catch (Exception e) {
                failure.compareAndSet(null, e);
            }
        });
    }

    /** One job function held by EMPLOYEES employees, DOCUMENTS documents mapped to it: EMPLOYEES × DOCUMENTS open assignments. */
    private void plant(boolean postgres) throws Exception {
        ProducerTemplate camel = context.getBean(ProducerTemplate.class);
        String function = run + "-OP";
        send(camel, "jobfunction.upserted", Map.of("code", function, "name", "Operator"));
        String series = (postgres ? "generate_series(0, %d)" : "system_range(0, %d)").formatted(EMPLOYEES - 1) + " as g(x)";
        jdbc.update("insert into employee (employee_id, name, status, created_at, updated_at) select ? || '-E' || x, 'E' || x, 'ACTIVE',"
                + " current_timestamp, current_timestamp from " + series, run);
        jdbc.update("insert into job_function_holding (employee_id, job_function_code, valid_from, recorded_at) select ? || '-E' || x, ?,"
                + " date '2020-01-01', current_timestamp from " + series, run, function);
        for (int d = 0; d < DOCUMENTS; d++) {
            send(camel, "document.version.approved", Map.of("documentNumber", run + "-SOP" + d, "title", "SOP " + d, "category",
                    "STANDARD", "version", "1", "changeType", "MAJOR", "effectiveDate", "2026-01-01"));
            send(camel, "matrix.entry.upserted", Map.of("documentNumber", run + "-SOP" + d, "jobFunctionCode", function));
        }
        if (postgres) {
            jdbc.execute("analyze");
        }
    }

    private void send(ProducerTemplate camel, String type, Map<String, Object> data) throws Exception {
        EventOutcome outcome = camel.requestBody("direct:closeloop-events", json.writeValueAsString(Map.of("specversion", "1.0", "id",
                type + System.nanoTime(), "source", "urn:closeloop:bench", "type", "closeloop." + type, "data", data)), EventOutcome.class);
        if (outcome.status() != EventOutcome.Status.APPLIED) {
            throw new IllegalStateException(type + ": " + outcome.errors());
        }
    }

    /** The n-th event of the trial (unique id; completions walk employees first, then documents). */
    String id(int n) {
        return run + "-b" + batch + "-" + n;
    }

    String event(int n) {
        String id = id(n);
        if (kind.equals("jobfunction")) {
            return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"urn:bench\",\"type\":\"closeloop.jobfunction.upserted\","
                    + "\"data\":{\"code\":\"" + id + "\",\"name\":\"Bench " + n + "\"}}";
        }
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"urn:bench\",\"type\":\"closeloop.training.completed\","
                + "\"data\":{\"employeeId\":\"" + run + "-E" + (n % EMPLOYEES) + "\",\"documentNumber\":\"" + run + "-SOP"
                + ((n / EMPLOYEES) % DOCUMENTS) + "\",\"version\":\"1\",\"completedAt\":\"" + completedAt
                + "\",\"method\":\"READ_AND_UNDERSTAND\"}}";
    }

    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        measuring = params.getType() == IterationType.MEASUREMENT;
        batch++;
        due = new long[events];
        latency = new long[events];
        done = new CountDownLatch(events);
    }

    void arrived(int i, long now) {
        latency[i] = now - due[i];
        done.countDown();
    }

    /** Runs {@code events} sends on {@code clients} threads, each event no earlier than its due time; returns when all are done. */
    private void drive(Sender sender) throws Exception {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2);
        long interval = rate > 0 ? 1_000_000_000L / rate : 0;
        for (int i = 0; i < events; i++) {
            due[i] = start + i * interval;
        }
        AtomicInteger next = new AtomicInteger();
        int first = sent;
        sent += events;
        List<Thread> threads = new ArrayList<>();
        ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
        for (int t = 0; t < clients; t++) {
            Thread thread = new Thread(() -> {
                long cpu0 = threadBean.getCurrentThreadCpuTime();
                try (Sender.Session session = sender.open()) {
                    for (int i = next.getAndIncrement(); i < events; i = next.getAndIncrement()) {
                        long wait = due[i] - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        session.send(i, first + i);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    while (done.getCount() > 0) {
                        done.countDown();
                    }
                } finally {
                    clientCpuNanos.add(threadBean.getCurrentThreadCpuTime() - cpu0);
                }
            }, "bench-sender-" + t);
            threads.add(thread);
            thread.start();
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        committedNanos = 0;
        while (!done.await(20, TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + (events - done.getCount()) + " of " + events + " events done in 5 minutes");
            }
            if (channel.equals("jms") && benchmark.equals("ingest") && committedNanos == 0 && committed() >= events) {
                committedNanos = System.nanoTime() - start;
            }
        }
        if (committedNanos == 0) {
            committedNanos = System.nanoTime() - start;
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a sender failed", failure.get());
        }
    }

    /** Events of this batch committed so far (their idempotency rows). */
    private int committed() {
        Integer n = jdbc.queryForObject("select count(*) from processed_event where event_source = 'urn:bench' and event_id like ?",
                Integer.class, run + "-b" + batch + "-%");
        return n == null ? 0 : n;
    }

    interface Sender {
        Session open() throws Exception;

        interface Session extends AutoCloseable {
            void send(int i, int n) throws Exception;

            @Override
            default void close() {
            }
        }
    }

    @Benchmark
    public int ingest() throws Exception {
        Measure measure = new Measure();
        if (channel.equals("rest")) {
            drive(() -> (i, n) -> {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(eventsUri).header("X-Api-Key", apiKey)
                        .header("Content-Type", "application/cloudevents+json").POST(HttpRequest.BodyPublishers.ofString(event(n))).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 202) {
                    throw new IllegalStateException("event " + n + " answered " + response.statusCode() + ": " + response.body());
                }
                arrived(i, System.nanoTime());
            });
        } else {
            drive(() -> {
                JMSContext jms = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
                Queue queue = jms.createQueue("closeloop.events.in");
                JMSProducer producer = jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
                return new Sender.Session() {
                    @Override
                    public void send(int i, int n) {
                        pendingIndex.put(id(n), i);
                        producer.send(queue, event(n));
                    }

                    @Override
                    public void close() {
                        jms.close();
                    }
                };
            });
        }
        measure.end();
        return events;
    }

    /** Floor: the minimal durable write of each event (idempotency row with payload, completion row, outbox row), one commit each. */
    @Benchmark
    public int sqlFloorCommitPerEvent() throws Exception {
        return floor(1);
    }

    /** Floor with batched commits: the same rows, 100 events per commit. */
    @Benchmark
    public int sqlFloorCommitPer100() throws Exception {
        return floor(100);
    }

    private int floor(int perCommit) throws Exception {
        Measure measure = new Measure();
        drive(() -> new Sender.Session() {
            final List<int[]> open = new ArrayList<>();

            @Override
            public void send(int i, int n) {
                open.add(new int[] { i, n });
                if (open.size() >= perCommit) {
                    flush();
                }
            }

            private void flush() {
                transaction.executeWithoutResult(s -> {
                    for (int[] e : open) {
                        String id = id(e[1]);
                        String payload = event(e[1]);
                        jdbc.update("insert into processed_event (event_source, event_id, event_type, event_time, received_at, payload,"
                                + " payload_sha256, rule_set_version) values ('urn:floor', ?, 'closeloop.training.completed',"
                                + " current_timestamp, current_timestamp, ?, ?, 'floor')", id, payload, com.closeloop.Hashes.sha256Hex(payload));
                        jdbc.update("insert into training_completion (completion_id, employee_id, document_number, version, version_seq,"
                                + " completed_at, method, counts, rule_name, rule_set_version, source_event_id, source_event_source, recorded_at)"
                                + " values (?, ?, ?, '1', 1, current_timestamp, 'READ_AND_UNDERSTAND', true, 'floor', 'floor', ?, 'urn:floor',"
                                + " current_timestamp)", com.closeloop.RecordIds.next(), run + "-E" + (e[1] % EMPLOYEES), run + "-SOP" + ((e[1] / EMPLOYEES) % DOCUMENTS), id);
                        jdbc.update("insert into outbox_message (message_id, destination, event_source, event_id, created_at, sent_at,"
                                + " attempts) values (?, 'floor', 'urn:floor', ?, current_timestamp, current_timestamp, 0)", com.closeloop.RecordIds.next(), id);
                    }
                });
                long now = System.nanoTime();
                for (int[] e : open) {
                    arrived(e[0], now);
                }
                open.clear();
            }

            @Override
            public void close() {
                if (!open.isEmpty()) {
                    flush();
                }
            }
        });
        measure.end();
        return events;
    }

    /** Wall, CPU, GC and heap over one batch; counted only in measurement iterations. */
    final class Measure {
        final long wall0 = System.nanoTime();
        final long cpu0 = processCpu();
        final long client0 = clientCpuNanos.sum();
        final long gcMs0 = gc(true);
        final long gcN0 = gc(false);
        final Thread sampler;

        Measure() {
            sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    maxHeapNow();
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-heap");
            sampler.setDaemon(true);
            if (measuring) {
                sampler.start();
            }
        }

        void end() {
            long wall = System.nanoTime() - wall0;
            sampler.interrupt();
            if (!measuring) {
                return;
            }
            measuredEvents += events;
            measuredWallNanos += wall;
            measuredCommittedNanos += committedNanos;
            measuredCpuNanos += processCpu() - cpu0;
            measuredClientCpuNanos += clientCpuNanos.sum() - client0;
            measuredGcMillis += gc(true) - gcMs0;
            measuredGcCount += gc(false) - gcN0;
            maxHeapNow();
            heapAfterBatch.add(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            latencies.add(latency.clone());
        }
    }

    void maxHeapNow() {
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        maxHeap.accumulateAndGet(used, Math::max);
    }

    static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static long gc(boolean time) {
        long sum = 0;
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += time ? bean.getCollectionTime() : bean.getCollectionCount();
        }
        return sum;
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        report();
        FlightRecordings.dump();
        outcomesContext.close();
        factory.close();
        context.close();
    }

    private void report() {
        if (measuredEvents == 0) {
            return;
        }
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        double seconds = measuredWallNanos / 1e9;
        String label = benchmark.equals("ingest") ? channel + " " + kind : benchmark;
        System.out.printf("%n[ingest] %s: clients=%d rate=%s events=%d over %.2f s -> %.0f events/s (%.0f/s committed); latency ms p50 %.2f p90 %.2f p99 %.2f"
                + " max %.2f; CPU %.0f us/event (clients' sending threads %.0f us/event), %.2f cores busy; GC %d collections %d ms;"
                + " heap used max %d MB, after batches %d MB on average%n", label, clients, rate == 0 ? "max" : rate + "/s", measuredEvents,
                seconds, measuredEvents / seconds, measuredEvents / (measuredCommittedNanos / 1e9), pct(all, 50), pct(all, 90), pct(all, 99), all[all.length - 1] / 1e6,
                measuredCpuNanos / 1e3 / measuredEvents, measuredClientCpuNanos / 1e3 / measuredEvents, measuredCpuNanos / (double) measuredWallNanos,
                measuredGcCount, measuredGcMillis, maxHeap.get() >> 20,
                (long) heapAfterBatch.stream().mapToLong(Long::longValue).average().orElse(0) >> 20);
    }

    static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
