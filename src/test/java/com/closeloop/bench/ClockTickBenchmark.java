package com.closeloop.bench;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.closeloop.CloseloopApplication;
import com.closeloop.ingest.EventOutcome;
import com.fasterxml.jackson.databind.ObjectMapper;

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
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One daily tick over a plant of {@code employees} × {@code documents} employee-document pairs (defaults 5,000 × 40 =
 * 200,000), every pair on a 12-month retraining interval with its last completion spread over 2025, 5 % of pairs with an
 * open assignment whose due dates are spread over the year (reminders, overdue, escalations). Each invocation ticks the
 * next day through the event path: the set-based read of the pairs that may lapse and the assignments near their due
 * date, the rules (periodic assignments, reminder items), the writes and digests, commit. Data written set-based.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, batchSize = 1)
@Measurement(iterations = 20, batchSize = 1)
@Fork(1)
public class ClockTickBenchmark {

    final String run = "K" + Long.toString(System.nanoTime() % 10_000_000_000L, 36).toUpperCase();

    @Param({ "5000" })
    public int employees;

    @Param({ "40" })
    public int documents;

    ConfigurableApplicationContext context;
    ProducerTemplate camel;
    JdbcTemplate jdbc;
    final ObjectMapper json = new ObjectMapper();
    LocalDate day = LocalDate.of(2026, 1, 1);

    @Setup(Level.Trial)
    public void startHub() throws Exception {
        String url = System.getProperty("bench.datasource.url",
                "jdbc:h2:mem:tick" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        context = new SpringApplicationBuilder(CloseloopApplication.class).web(WebApplicationType.NONE).run(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + System.getProperty("bench.datasource.username", "sa"),
                "--spring.datasource.password=" + System.getProperty("bench.datasource.password", ""),
                "--spring.profiles.active=" + System.getProperty("bench.profiles", "default"), "--closeloop.clock.enabled=false",
                "--closeloop.demo.enabled=false", "--spring.artemis.embedded.persistent=false", "--logging.level.root=WARN");
        camel = context.getBean(ProducerTemplate.class);
        jdbc = context.getBean(JdbcTemplate.class);
        boolean postgres = url.startsWith("jdbc:postgresql");
        String series = postgres ? "generate_series(0, %d) as g(x)" : "system_range(0, %d) as g(x)";
        String f = run + "-OP";
        post("jobfunction.upserted", Map.of("code", f, "name", "Operator"));
        jdbc.update("insert into employee (employee_id, name, email, supervisor_id, status, created_at, updated_at) select ? || '-E' || x,"
                + " 'Employee ' || x, 'e' || x || '@plant.example', ? || '-S' || mod(x, 50), 'ACTIVE', current_timestamp, current_timestamp from "
                + series.formatted(employees - 1), run, run);
        jdbc.update("insert into job_function_holding (employee_id, job_function_code, valid_from, recorded_at) select ? || '-E' || x, ?,"
                + " date '2020-01-01', current_timestamp from " + series.formatted(employees - 1), run, f);
        for (int d = 0; d < documents; d++) {
            String doc = run + "-SOP" + d;
            post("document.version.approved", Map.of("documentNumber", doc, "title", "SOP " + d, "category", d % 4 == 0 ? "CRITICAL" : "STANDARD",
                    "version", "1", "changeType", "MAJOR", "effectiveDate", "2024-01-01"), "2023-12-01T00:00:00Z");
            jdbc.update("insert into matrix_entry (document_number, job_function_code, training_method, retrain_every_months, added_at)"
                    + " values (?, ?, 'READ_AND_UNDERSTAND', 12, timestamp with time zone '2024-01-01 00:00:00+00')", doc, f);
            // last completions spread over 2025 (one per pair)
            jdbc.update("insert into training_completion (completion_id, employee_id, document_number, version, version_seq, completed_at,"
                    + " counts, rule_name, rule_set_version, source_event_id, source_event_source, recorded_at) select ? || x, ? || '-E' || x,"
                    + " ?, '1', 1, cast(date '2025-01-01' + mod(x * 7 + ?, 365) as timestamp) + interval '10' hour, true, 'bench', 'bench',"
                    + " 'bench', 'bench', current_timestamp from " + series.formatted(employees - 1), run + "-C" + d + "-", run, doc, d * 31);
            // 5 % of the pairs with an open assignment, due dates spread over 2026
            jdbc.update("insert into training_assignment (assignment_id, employee_id, document_number, version, version_seq, effective_date,"
                    + " due_date, status, reason, assigned_at, open_key, rule_name, rule_set_version, source_event_id, source_event_source,"
                    + " created_at) select ? || x, ? || '-E' || x, ?, '1', 1, date '2024-01-01', date '2025-12-01' + mod(x * 13 + ?, 120),"
                    + " 'OPEN', 'MATRIX_CHANGE', timestamp with time zone '2025-11-01 00:00:00+00', ? || '-E' || x || '|' || ?, 'bench',"
                    + " 'bench', 'bench', 'bench', current_timestamp from " + series.formatted(employees - 1) + " where mod(x, 20) = ?",
                    run + "-A" + d + "-", run, doc, d * 17, run, doc, d % 20);
        }
        if (postgres) {
            jdbc.execute("analyze");
        }
        tick(); // the first tick catches up everything already in its window; the measured ticks are ordinary days
    }

    @Benchmark
    public EventOutcome tickOneDay() throws Exception {
        return tick();
    }

    private EventOutcome tick() throws Exception {
        day = day.plusDays(1);
        EventOutcome outcome = post("clock.ticked", Map.of("date", day.toString()), day + "T00:05:00Z");
        if (outcome.status() != EventOutcome.Status.APPLIED) {
            throw new IllegalStateException("tick of " + day + ": " + outcome.status() + " " + outcome.errors());
        }
        return outcome;
    }

    @TearDown(Level.Trial)
    public void report() {
        Integer periodic = jdbc.queryForObject("select count(*) from training_assignment where reason = 'PERIODIC' and employee_id like ?",
                Integer.class, run + "%");
        Integer digests = jdbc.queryForObject("select count(*) from notification", Integer.class);
        System.out.printf("%n%d periodic assignments and %d notifications over %s ticks%n", periodic, digests, day);
        context.close();
    }

    private EventOutcome post(String type, Map<String, Object> data) throws Exception {
        return post(type, data, null);
    }

    private EventOutcome post(String type, Map<String, Object> data, String time) throws Exception {
        Map<String, Object> event = new java.util.LinkedHashMap<>(Map.of("specversion", "1.0", "id", type + "-" + System.nanoTime(),
                "source", "urn:closeloop:bench", "type", "closeloop." + type, "data", data));
        if (time != null) {
            event.put("time", time);
        }
        return camel.requestBody("direct:closeloop-events", json.writeValueAsString(event), EventOutcome.class);
    }
}
