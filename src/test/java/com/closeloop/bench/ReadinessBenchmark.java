package com.closeloop.bench;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.closeloop.CloseloopApplication;
import com.closeloop.ingest.EventOutcome;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.ProducerTemplate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The effectivity readiness gate over HTTP for a CRITICAL version whose job function has {@code holders} holders, 10 of
 * them not yet trained (so the answer lists them): GET .../readiness, warm. Goal ≤ 50 ms for 5,000 holders.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class ReadinessBenchmark {

    final String run = "Y" + Long.toString(System.nanoTime() % 10_000_000_000L, 36).toUpperCase();

    @Param({ "5000" })
    public int holders;

    ConfigurableApplicationContext context;
    HttpClient http;
    String url;
    final String key = "bench-readiness-key-0123456789";

    @Setup
    public void startHub() throws Exception {
        String db = System.getProperty("bench.datasource.url",
                "jdbc:h2:mem:ready" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        context = new SpringApplicationBuilder(CloseloopApplication.class).run("--server.port=0", "--spring.datasource.url=" + db,
                "--spring.datasource.username=" + System.getProperty("bench.datasource.username", "sa"),
                "--spring.datasource.password=" + System.getProperty("bench.datasource.password", ""),
                "--spring.profiles.active=" + System.getProperty("bench.profiles", "default"), "--closeloop.bootstrap-api-key=" + key,
                "--closeloop.clock.enabled=false", "--closeloop.demo.enabled=false", "--spring.artemis.embedded.persistent=false",
                "--logging.level.root=WARN");
        ProducerTemplate camel = context.getBean(ProducerTemplate.class);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        ObjectMapper json = new ObjectMapper();
        String f = run + "-OP";
        String doc = run + "-SOP";
        send(camel, json, "jobfunction.upserted", Map.of("code", f, "name", "Operator"));
        send(camel, json, "document.version.approved", Map.of("documentNumber", doc, "title", "SOP", "category", "CRITICAL", "version", "1",
                "changeType", "MAJOR", "effectiveDate", "2026-01-01"));
        send(camel, json, "document.version.approved", Map.of("documentNumber", doc, "title", "SOP", "category", "CRITICAL", "version", "2",
                "changeType", "MAJOR", "effectiveDate", "2026-06-01"));
        boolean postgres = db.startsWith("jdbc:postgresql");
        String series = (postgres ? "generate_series(0, %d)" : "system_range(0, %d)").formatted(holders - 1) + " as g(x)";
        jdbc.update("insert into employee (employee_id, name, status, created_at, updated_at) select ? || '-E' || x, 'E' || x, 'ACTIVE',"
                + " current_timestamp, current_timestamp from " + series, run);
        jdbc.update("insert into job_function_holding (employee_id, job_function_code, valid_from, recorded_at) select ? || '-E' || x, ?,"
                + " date '2020-01-01', current_timestamp from " + series, run, f);
        jdbc.update("insert into matrix_entry (document_number, job_function_code, training_method, added_at) values (?, ?,"
                + " 'READ_AND_UNDERSTAND', timestamp with time zone '2026-01-01 00:00:00+00')", doc, f);
        jdbc.update("insert into training_completion (completion_id, employee_id, document_number, version, version_seq, completed_at, counts,"
                + " rule_name, rule_set_version, source_event_id, source_event_source, recorded_at) select ? || x, ? || '-E' || x, ?, '2', 2,"
                + " timestamp with time zone '2026-05-01 10:00:00+00', true, 'bench', 'bench', 'bench', 'bench', current_timestamp from "
                + series + " where x >= 10", run + "-C", run, doc);
        if (postgres) {
            jdbc.execute("analyze");
        }
        http = HttpClient.newHttpClient();
        url = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + "/api/documents/" + doc + "/versions/2/readiness";
    }

    private static void send(ProducerTemplate camel, ObjectMapper json, String type, Map<String, Object> data) throws Exception {
        EventOutcome outcome = camel.requestBody("direct:closeloop-events", json.writeValueAsString(Map.of("specversion", "1.0", "id",
                type + System.nanoTime(), "source", "urn:closeloop:bench", "type", "closeloop." + type, "data", data)), EventOutcome.class);
        if (outcome.status() != EventOutcome.Status.APPLIED) {
            throw new IllegalStateException(type + ": " + outcome.errors());
        }
    }

    @Benchmark
    public long readinessOfA5000HolderVersion() throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("X-Api-Key", key).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            long bytes = body.transferTo(java.io.OutputStream.nullOutputStream());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("readiness answered " + response.statusCode());
            }
            return bytes;
        }
    }

    @TearDown
    public void stop() {
        context.close();
    }
}
