package com.closeloop.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The harness's own PostgreSQL database per run (created as the postgres superuser, owned by the hub's role), and the
 * state the harness compares between runs: per table a row count and a SHA-256 over the rows in a fixed order, without
 * the columns that legitimately differ between runs (generated ids, receipt and write times).
 */
final class HarnessDatabase {

    static final String HOST = System.getProperty("harness.pg.host", "127.0.0.1");
    static final int PORT = Integer.getInteger("harness.pg.port", 5432);
    static final String USER = System.getProperty("harness.pg.user", "closeloop");
    static final String PASSWORD = System.getProperty("harness.pg.password", "closeloop");

    /** What is compared: table → query. Ordered by every column, so the digest does not depend on insertion order. */
    static final Map<String, String> STATE = new LinkedHashMap<>();
    static {
        STATE.put("processed_event", "select event_source, event_id, event_type, event_time, payload_sha256, rule_set_version"
                + " from processed_event order by 1, 2");
        STATE.put("job_function", "select code, name from job_function order by 1");
        STATE.put("employee", "select employee_id, name, email, supervisor_id, status, terminated_at from employee order by 1");
        STATE.put("job_function_holding", "select employee_id, job_function_code, valid_from, valid_to, retracted_at is null"
                + " from job_function_holding order by 1, 2, 3");
        STATE.put("document_version", "select document_number, version, seq, effective_date, retraining_required,"
                + " retraining_due_date, rule_name, source_event_id from document_version order by 1, 2");
        STATE.put("matrix_entry", "select document_number, job_function_code, training_method, retrain_every_months, added_at, removed_at"
                + " from matrix_entry order by 1, 2, 5");
        STATE.put("training_assignment", "select a.employee_id, a.document_number, a.version, a.effective_date, a.due_date,"
                + " a.original_due_date, a.status, a.reason, a.assigned_at, a.closed_at, a.closed_reason, c.source_event_id,"
                + " a.completed_at, s.source_event_id, a.open_key, a.rule_name, a.rule_set_version, a.source_event_source,"
                + " a.source_event_id from training_assignment a left join training_completion c on c.completion_id = a.completion_id"
                + " left join training_assignment s on s.assignment_id = a.superseded_by"
                + " order by 1, 2, 3, 19, 7, 9");
        STATE.put("training_completion", "select employee_id, document_number, version, version_seq, completed_at, method, score,"
                + " verified_by, counts, not_counting_reason, rule_name, rule_set_version, source_event_source, source_event_id"
                + " from training_completion order by 1, 2, 3, 5, 14");
        STATE.put("decision_record", "select event_source, event_id, seq, kind, rule_name, rule_set_version, employee_id,"
                + " document_number, version, job_function_code, due_date from decision_record order by 1, 2, 3");
        STATE.put("audit_entry (per event, action, entity)", "select event_source, event_id, action, entity_type, count(*)"
                + " from audit_entry where event_id is not null group by 1, 2, 3, 4 order by 1, 2, 3, 4");
        STATE.put("outbox_message (per event)", "select event_source, event_id, destination, count(*), count(sent_at)"
                + " from outbox_message group by 1, 2, 3 order by 1, 2, 3");
        STATE.put("rejected_event", "select event_source, event_id, errors from rejected_event order by 1, 2, 3");
    }

    /** Count and digest of one table's compared rows. */
    record TableState(long rows, String sha256) {
        @Override
        public String toString() {
            return rows + " rows, sha256 " + sha256.substring(0, 16);
        }
    }

    final String name;

    HarnessDatabase(String name) {
        if (!name.startsWith("closeloop_harness")) {
            throw new IllegalArgumentException("the harness only touches its own databases (closeloop_harness*): " + name);
        }
        this.name = name;
    }

    /** Drops (closing its connections) and creates the database, owned by the hub's role. */
    HarnessDatabase recreate() throws IOException, InterruptedException {
        psql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        psql("CREATE DATABASE " + name + " OWNER " + USER);
        return this;
    }

    private static void psql(String sql) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("su", "postgres", "-c", "psql -q -v ON_ERROR_STOP=1 -c '" + sql + "'").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("psql " + sql + " failed: " + out);
        }
    }

    String jdbcUrl(int port) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + name;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(PORT), USER, PASSWORD);
    }

    long count(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1; // not migrated yet
        }
    }

    List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** Every compared table's count and digest. */
    Map<String, TableState> state() throws Exception {
        Map<String, TableState> state = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (var table : STATE.entrySet()) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                long rows = 0;
                try (ResultSet rs = s.executeQuery(table.getValue())) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        rows++;
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            Object value = rs.getObject(i);
                            row.append(value instanceof java.time.temporal.TemporalAccessor || value instanceof java.util.Date
                                    ? rs.getTimestamp(i).toInstant().toString() : String.valueOf(value)).append('\u001f');
                        }
                        sha.update(row.append('\n').toString().getBytes(StandardCharsets.UTF_8));
                    }
                }
                state.put(table.getKey(), new TableState(rows, HexFormat.of().formatHex(sha.digest())));
            }
        }
        return state;
    }
}
