package com.closeloop.bench;

import java.time.LocalDate;
import java.util.List;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SOP revision fan-out: one MAJOR revision of a document mapped to a job function held by {@code employees}
 * active employees, through the event route (validate, de-duplicate, rules, batched writes, commit), against
 * the raw SQL floor measured in the same run: one INSERT ... SELECT of the same number of assignment rows.
 *
 * <p>Each invocation starts from the same state: a teardown closes the open assignments the previous one
 * made, as if everyone had completed their training. Run with {@code mvn -Pbench verify} (docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 20, batchSize = 1)
@Measurement(iterations = 40, batchSize = 1)
@Fork(1)
public class RevisionFanOutBenchmark {

    /** Codes unique to the trial, so runs can share one PostgreSQL database. */
    final String run = "R" + Long.toString(System.nanoTime() % 10_000_000_000L, 36).toUpperCase();
    final String DOC = run + "-SOP";
    final String FUNCTION = run + "-OP";

    @Param({ "5000" })
    public int employees;

    ConfigurableApplicationContext context;
    ProducerTemplate camel;
    JdbcTemplate jdbc;
    TransactionTemplate transaction;
    final ObjectMapper json = new ObjectMapper();
    int version = 1;
    int floorRun;

    @Setup(Level.Trial)
    public void startHub() throws Exception {
        String url = System.getProperty("bench.datasource.url",
                "jdbc:h2:mem:bench" + System.nanoTime() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        // Command-line arguments outrank application.yaml, so the benchmark never touches ./data.
        context = new SpringApplicationBuilder(CloseloopApplication.class).web(WebApplicationType.NONE).run(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + System.getProperty("bench.datasource.username", "sa"),
                "--spring.datasource.password=" + System.getProperty("bench.datasource.password", ""),
                "--spring.profiles.active=" + System.getProperty("bench.profiles", "default"),
                "--closeloop.demo.enabled=false", "--spring.artemis.embedded.persistent=false", "--logging.level.root=WARN");
        camel = context.getBean(ProducerTemplate.class);
        jdbc = context.getBean(JdbcTemplate.class);
        transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        post("jobfunction.upserted", Map.of("code", FUNCTION, "name", "Benchmark operator"));
        post("document.version.approved", Map.of("documentNumber", DOC, "title", "Benchmark SOP", "category", "STANDARD", "version",
                "1", "changeType", "MAJOR", "effectiveDate", "2026-01-01"));
        // The workforce, written set-based: the setup is not what is measured.
        jdbc.batchUpdate("insert into employee (employee_id, name, status, created_at, updated_at) values (?, ?, 'ACTIVE',"
                + " current_timestamp, current_timestamp)", ids(run + "-E"), 1000, (ps, id) -> {
                    ps.setString(1, id);
                    ps.setString(2, "Employee " + id);
                });
        jdbc.batchUpdate("insert into job_function_holding (employee_id, job_function_code, valid_from, recorded_at) values (?, ?,"
                + " date '2025-01-01', current_timestamp)", ids(run + "-E"), 1000, (ps, id) -> {
                    ps.setString(1, id);
                    ps.setString(2, FUNCTION);
                });
        post("matrix.entry.upserted", Map.of("documentNumber", DOC, "jobFunctionCode", FUNCTION));
        closeOpenAssignments();
    }

    @Benchmark
    public EventOutcome majorRevisionThroughTheEventPath() throws Exception {
        version++;
        EventOutcome outcome = post("document.version.approved", Map.of("documentNumber", DOC, "title", "Benchmark SOP", "category",
                "STANDARD", "version", String.valueOf(version), "changeType", "MAJOR", "effectiveDate",
                LocalDate.of(2026, 1, 1).plusDays(version).toString()));
        int assigned = (int) outcome.decisions().stream().filter(d -> d.kind().equals("ASSIGN")).count();
        if (outcome.status() != EventOutcome.Status.APPLIED || assigned != employees) {
            throw new IllegalStateException("expected " + employees + " assignments, got " + assigned + " (" + outcome.status() + ")");
        }
        return outcome;
    }

    /** The floor: the same number of assignment rows written by one INSERT ... SELECT and committed. */
    @Benchmark
    public int rawSqlFloorInsertSelect() {
        floorRun++;
        String prefix = "F" + floorRun + "-";
        return transaction.execute(status -> jdbc.update("insert into training_assignment (assignment_id, employee_id, document_number,"
                + " version, version_seq, effective_date, due_date, status, reason, assigned_at, rule_name, rule_set_version,"
                + " source_event_id, source_event_source, created_at) select ? || h.employee_id, h.employee_id, ?, '1', 1,"
                + " date '2026-01-01', date '2026-01-31', 'CANCELLED', 'REVISION', current_timestamp, 'floor', 'floor', 'floor',"
                + " 'floor', current_timestamp from job_function_holding h where h.job_function_code = ?", prefix, DOC, FUNCTION));
    }

    /**
     * Not measured: lets the outbox publisher send the previous outcome (rendered after the commit, off the event path)
     * so it does not compete for the two cores with the next measured revision; then resets the assignments.
     */
    @TearDown(Level.Invocation)
    public void closeOpenAssignments() throws InterruptedException {
        for (int i = 0; i < 200 && pendingOutcomes() > 0; i++) {
            Thread.sleep(10);
        }
        jdbc.update("update training_assignment set status = 'COMPLETED', open_key = null where document_number = ? and status = 'OPEN'",
                DOC);
    }

    private int pendingOutcomes() {
        Integer n = jdbc.queryForObject("select count(*) from outbox_message where sent_at is null", Integer.class);
        return n == null ? 0 : n;
    }

    @TearDown(Level.Trial)
    public void stopHub() throws java.io.IOException {
        FlightRecordings.dump();
        context.close();
    }

    private EventOutcome post(String type, Map<String, Object> data) throws Exception {
        Map<String, Object> event = Map.of("specversion", "1.0", "id", type + "-" + System.nanoTime(), "source", "urn:closeloop:bench",
                "type", "closeloop." + type, "data", data);
        return camel.requestBody("direct:closeloop-events", json.writeValueAsString(event), EventOutcome.class);
    }

    private List<String> ids(String prefix) {
        return java.util.stream.IntStream.range(0, employees).mapToObj(i -> prefix + i).toList();
    }
}
