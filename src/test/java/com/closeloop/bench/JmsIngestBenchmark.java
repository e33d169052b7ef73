package com.closeloop.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.closeloop.CloseloopApplication;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
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
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Durable ingest over JMS, end to end: {@code events} persistent messages sent by a separate Artemis client over TCP
 * to the hub's embedded, persistent broker, each consumed transacted, decided and committed to the database. One
 * invocation = one batch; the score is the time until the last event of the batch is committed, so events/s =
 * events / score. Database: H2 file (default) or PostgreSQL ({@code -Dbench.datasource.url=...}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, batchSize = 1)
@Measurement(iterations = 5, batchSize = 1)
@Fork(1)
public class JmsIngestBenchmark {

    @Param({ "2000" })
    public int events;

    @Param({ "4" })
    public int consumers;

    ConfigurableApplicationContext context;
    JdbcTemplate jdbc;
    ActiveMQConnectionFactory factory;
    JMSContext jms;
    Queue queue;
    int batch;
    String run;

    @Setup(Level.Trial)
    public void start() throws IOException {
        Path data = Files.createTempDirectory("closeloop-bench");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = System.getProperty("bench.datasource.url", "jdbc:h2:file:" + data.resolve("db")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        context = new SpringApplicationBuilder(CloseloopApplication.class).web(WebApplicationType.NONE).run(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + System.getProperty("bench.datasource.username", "sa"),
                "--spring.datasource.password=" + System.getProperty("bench.datasource.password", ""),
                "--spring.profiles.active=" + System.getProperty("bench.profiles", "default"),
                "--spring.artemis.embedded.persistent=true", "--spring.artemis.embedded.data-directory=" + data.resolve("artemis"),
                "--closeloop.jms.tcp-port=" + port, "--closeloop.jms.consumers=" + consumers, "--closeloop.demo.enabled=false",
                "--closeloop.connectors.drop-root=" + data.resolve("drop"), "--logging.level.root=WARN");
        jdbc = context.getBean(JdbcTemplate.class);
        factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
        jms = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        queue = jms.createQueue("closeloop.events.in");
        run = "B" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
    }

    @Benchmark
    public int ingestBatch() throws InterruptedException {
        batch++;
        String prefix = run + "-" + batch + "-";
        JMSProducer producer = jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
        for (int i = 0; i < events; i++) {
            producer.send(queue, "{\"specversion\":\"1.0\",\"id\":\"" + prefix + i + "\",\"source\":\"urn:bench\","
                    + "\"type\":\"closeloop.jobfunction.upserted\",\"data\":{\"code\":\"" + prefix + i + "\",\"name\":\"Bench " + i + "\"}}");
        }
        int applied = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (applied < events) {
            Integer n = jdbc.queryForObject("select count(*) from job_function where code like ?", Integer.class, prefix + "%");
            applied = n == null ? 0 : n;
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + applied + " of " + events + " applied in 5 minutes");
            }
            if (applied < events) {
                Thread.sleep(5);
            }
        }
        return applied;
    }

    @TearDown(Level.Trial)
    public void stop() {
        jms.close();
        factory.close();
        context.close();
    }
}
