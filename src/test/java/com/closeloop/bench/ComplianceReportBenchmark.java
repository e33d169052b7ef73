package com.closeloop.bench;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import com.closeloop.CloseloopApplication;

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
 * The training-compliance report over a synthetic plant ({@link SyntheticPlant}: 20,000 employees, 5,000 documents,
 * 400 job functions, 1,000,000 assignments and 1,000,000 completions over four years), through the HTTP API with
 * a signed-in auditor, against the floor measured in the same run: the bare SQL that reads the same rows.
 * <ul>
 * <li>one job function over 2025, JSON (about 625 rows);</li>
 * <li>the whole plant over 2025, streamed CSV (about 250,000 rows).</li>
 * </ul>
 * Run on PostgreSQL (docs/benchmarks.md): {@code mvn -Pbench verify -Dbench.args="ComplianceReport -jvmArgs
 * '-Dbench.profiles=postgres -Dbench.datasource.url=jdbc:postgresql://127.0.0.1/closeloop_bench ...'"}.
 */
@State(Scope.Benchmark)
@Fork(1)
public class ComplianceReportBenchmark {

    @Param({ "20000" })
    public int employees;

    @Param({ "5000" })
    public int documents;

    @Param({ "400" })
    public int functions;

    /** Years of revisions (one MAJOR revision of every document a year, ending in 2025). */
    @Param({ "4" })
    public int years;

    ConfigurableApplicationContext context;
    JdbcTemplate jdbc;
    HttpClient http;
    String base;
    String apiKey;
    SyntheticPlant plant;
    int next;

    @Setup
    public void startHub() {
        String url = System.getProperty("bench.datasource.url",
                "jdbc:h2:mem:report" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        context = new SpringApplicationBuilder(CloseloopApplication.class).run("--server.port=0",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + System.getProperty("bench.datasource.username", "sa"),
                "--spring.datasource.password=" + System.getProperty("bench.datasource.password", ""),
                "--spring.profiles.active=" + System.getProperty("bench.profiles", "default"),
                "--closeloop.admin.user=bench", "--closeloop.admin.password=bench-password-0123",
                "--closeloop.demo.enabled=false", "--spring.artemis.embedded.persistent=false", "--logging.level.root=WARN");
        jdbc = context.getBean(JdbcTemplate.class);
        boolean postgres = url.startsWith("jdbc:postgresql");
        // the default sizes keep the prefix of plants generated before the prefix named functions and years
        String prefix = "SYN" + employees + "x" + documents + (functions == 400 && years == 4 ? "" : "x" + functions + "x" + years);
        plant = new SyntheticPlant(prefix, employees, documents, functions, years);
        System.out.printf("%nSynthetic plant %s: %d employees, %d documents, %d job functions, %d years -> about %d assignments%n", prefix,
                employees, documents, functions, years, plant.assignments());
        long started = System.nanoTime();
        if (plant.ensure(jdbc, postgres)) {
            System.out.printf("%nGenerated the synthetic plant in %.1f s%n", (System.nanoTime() - started) / 1e9);
        }
        http = HttpClient.newHttpClient();
        base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        // An AUDITOR API key, as a reporting tool would hold: HTTP Basic would add one BCrypt check (~250 ms at strength 12
        // on this machine) to every request, which measures the password hash, not the report.
        apiKey = context.getBean(com.closeloop.security.ApiKeys.class).issue("bench-reports", com.closeloop.security.Role.AUDITOR, "bench")
                .key();
    }

    @TearDown
    public void stopHub() {
        context.close();
    }

    private String function() {
        next = (next + 37) % functions;
        return plant.function(next);
    }

    private long get(String path) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("X-Api-Key", apiKey)
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        long bytes;
        try (InputStream body = response.body()) {
            bytes = body.transferTo(java.io.OutputStream.nullOutputStream());
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
        return bytes;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 3)
    @Measurement(iterations = 5, time = 3)
    public long oneJobFunctionYearApiJson() throws Exception {
        return get("/api/reports/training-compliance?from=2025-01-01&to=2025-12-31&asOf=2026-01-01T00:00:00Z&jobFunction=" + function());
    }

    /** Floor: the same rows (revision assignments of 2025 for the function's holders) read by one indexed query. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, time = 3)
    @Measurement(iterations = 5, time = 3)
    public long oneJobFunctionYearSqlFloor() {
        long[] rows = { 0 };
        jdbc.query("select a.assignment_id, a.employee_id, a.document_number, a.version, a.effective_date, a.due_date, a.status,"
                + " a.completed_at from training_assignment a join job_function_holding h on h.employee_id = a.employee_id"
                + " where h.job_function_code = ? and a.reason = 'REVISION' and a.effective_date between date '2025-01-01'"
                + " and date '2025-12-31'", rs -> {
                    rows[0]++;
                }, function());
        return rows[0];
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 8)
    public long wholePlantYearApiCsv() throws Exception {
        return get("/api/reports/training-compliance?from=2025-01-01&to=2025-12-31&asOf=2026-01-01T00:00:00Z&format=csv");
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 8)
    public long wholePlantYearSqlFloor() {
        long[] rows = { 0 };
        JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
        streaming.setFetchSize(2000);
        new org.springframework.transaction.support.TransactionTemplate(context.getBean(
                org.springframework.transaction.PlatformTransactionManager.class)).executeWithoutResult(s -> streaming.query(
                        "select a.assignment_id, a.employee_id, a.document_number, a.version, a.effective_date, a.due_date, a.status,"
                                + " a.completed_at, h.job_function_code from training_assignment a join job_function_holding h"
                                + " on h.employee_id = a.employee_id where a.reason = 'REVISION' and a.effective_date between"
                                + " date '2025-01-01' and date '2025-12-31'", rs -> {
                                    rows[0]++;
                                }));
        return rows[0];
    }
}
