package com.closeloop.reports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import javax.sql.DataSource;

import com.closeloop.JdbcValues;
import com.closeloop.PlantClock;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The training-compliance report (SPEC §2.5, §4b): one indexed, streamed query; rows are handed to a consumer as
 * they are read (never the whole report in memory), with their status as of {@code asOf}.
 * <p>
 * Rows: every REVISION assignment of a version effective in [from, to], and every assignment of another reason
 * (onboarding, matrix change, CAPA, change notification, periodic) due in [from, to]; each once per job function
 * the employee held on the version's effective date (other reasons: on the due date) that was mapped to the
 * document when the assignment was made, or once with no job function when none was.
 */
@Component
public class ComplianceReport {

    /** What a report covers. {@code jobFunctions} empty = the whole plant. */
    public record Scope(LocalDate from, LocalDate to, List<String> jobFunctions, Instant asOf) {
    }

    private final JdbcTemplate jdbc;
    private final PlantClock clock;
    private final TransactionTemplate snapshot;

    private final boolean postgres;
    private final String workMem;

    ComplianceReport(DataSource dataSource, PlantClock clock, PlatformTransactionManager transactions,
            @org.springframework.beans.factory.annotation.Value("${closeloop.reports.work-mem:160MB}") String workMem) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.postgres = Boolean.TRUE.equals(jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName()
                .toLowerCase(java.util.Locale.ROOT).contains("postgres")));
        if (!workMem.matches("[0-9]+(kB|MB|GB)")) {
            throw new IllegalArgumentException("closeloop.reports.work-mem must look like 64MB, not '" + workMem + "'");
        }
        this.workMem = workMem;
        jdbc.setFetchSize(2000); // PostgreSQL streams with a cursor inside the read-only transaction
        this.clock = clock;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** Streams the rows in report order and returns the summary. */
    public ComplianceSummary stream(Scope scope, Consumer<ComplianceRow> out) {
        ComplianceSummary summary = new ComplianceSummary();
        List<Object> args = new ArrayList<>();
        String sql = sql(scope, args);
        snapshot.executeWithoutResult(status -> {
            if (postgres) {
                jdbc.execute("set local work_mem = '" + workMem + "'"); // sort a plant-year in memory, this transaction only
                // plan for these job functions and dates: after five runs the driver's prepared statement would otherwise get
                // a generic plan that cannot see how selective one job function is (150 ms instead of 5 ms per function-year)
                jdbc.execute("set local plan_cache_mode = force_custom_plan");
                // the rows are streamed through a cursor, but all of them are read: plan for the whole result, not the first 10 %
                jdbc.execute("set local cursor_tuple_fraction = 1.0");
            }
            Grouper grouper = new Grouper(scope.asOf(), row -> {
                summary.add(row);
                out.accept(row);
            });
            jdbc.query(sql, rs -> {
                grouper.next(rs);
            }, args.toArray());
            grouper.flush();
        });
        return summary;
    }


    private static final String HOLDING_DAY = "case when a.reason = 'REVISION' then a.effective_date else a.due_date end";

    private String sql(Scope scope, List<Object> args) {
        var asOf = JdbcValues.utc(scope.asOf());
        boolean filtered = !scope.jobFunctions().isEmpty();
        String in = String.join(", ", java.util.Collections.nCopies(scope.jobFunctions().size(), "?"));
        // With job functions, only their holders' assignments for their documents are read (through the employee index);
        // the join below then applies the exact holding and matrix dates.
        String narrow = filtered ? " and employee_id in (select employee_id from job_function_holding where retracted_at is null"
                + " and job_function_code in (" + in + ")) and document_number in (select document_number from matrix_entry"
                + " where job_function_code in (" + in + "))" : "";
        StringBuilder sql = new StringBuilder("select a.assignment_id, a.employee_id, a.document_number, a.version, a.version_seq,"
                + " a.effective_date, a.due_date, a.original_due_date, a.status, a.reason, a.assigned_at, a.closed_at, a.completed_at,"
                + " a.completion_id, a.completed_by_document, h.job_function_code, v.title, s.signer, s.printed_name, s.meaning, s.signed_at"
                + " from (select * from training_assignment where reason = 'REVISION' and effective_date between ? and ? and assigned_at <= ?"
                + narrow + " union all select * from training_assignment where reason <> 'REVISION' and due_date between ? and ?"
                + " and assigned_at <= ?" + narrow + ") a"
               
                // the document's title (one-column join: a join on (document, version) makes PostgreSQL misjudge the row count
                // and probe holdings row by row)
                + " join controlled_document v on v.document_number = a.document_number");
        for (int part = 0; part < 2; part++) {
            args.add(JdbcValues.date(scope.from()));
            args.add(JdbcValues.date(scope.to()));
            args.add(asOf);
            if (filtered) {
                args.addAll(scope.jobFunctions());
                args.addAll(scope.jobFunctions());
            }
        }
        // the job functions the employee held that were mapped to the document when the assignment was made: holdings x
        // matrix as one set, hash-joined (a correlated EXISTS per row costs a quarter-million index probes for a plant-year)
        sql.append(filtered ? " join" : " left join").append(" (select x.employee_id, x.job_function_code, x.valid_from, x.valid_to,"
                + " m.document_number, m.added_at, m.removed_at from job_function_holding x join matrix_entry m"
                + " on m.job_function_code = x.job_function_code where x.retracted_at is null) h on h.employee_id = a.employee_id"
                + " and h.document_number = a.document_number and h.valid_from <= " + HOLDING_DAY + " and (h.valid_to is null or h.valid_to >= "
                + HOLDING_DAY + ") and h.added_at <= a.assigned_at and (h.removed_at is null or h.removed_at > a.assigned_at)");
        if (filtered) {
            sql.append(" and h.job_function_code in (").append(in).append(")");
            args.addAll(scope.jobFunctions());
        }
        sql.append(" left join electronic_signature s on s.record_type = 'completion' and s.record_id = a.completion_id"
                + " and s.signed_at <= ?");
        args.add(asOf);
        String c = postgres ? " collate \"C\"" : ""; // code-point order, the same on both databases, and PostgreSQL sorts it fast
        sql.append(" order by a.document_number" + c + ", a.version_seq, h.job_function_code" + c + ", a.employee_id" + c
                + ", a.assigned_at, a.assignment_id" + c + ", s.signed_at, s.signature_id");
        return sql.toString();
    }

    /** Folds the signature rows of one (assignment, job function) into one report row. */
    private final class Grouper {
        private final Instant asOf;
        private final LocalDate asOfDate;
        private final Consumer<ComplianceRow> out;
        private ComplianceRow current;
        private final List<String> signatures = new ArrayList<>();

        Grouper(Instant asOf, Consumer<ComplianceRow> out) {
            this.asOf = asOf;
            this.asOfDate = clock.dateOf(asOf);
            this.out = out;
        }

        void next(ResultSet rs) throws SQLException {
            String assignmentId = rs.getString("assignment_id");
            String function = rs.getString("job_function_code");
            if (current == null || !current.assignmentId().equals(assignmentId) || !Objects.equals(current.jobFunction(), function)) {
                flush();
                current = row(rs, assignmentId, function);
            }
            String signer = rs.getString("signer");
            if (signer != null) {
                signatures.add(rs.getString("printed_name") + " (" + signer + ") " + rs.getString("meaning") + " "
                        + JdbcValues.instant(rs, "signed_at"));
            }
        }

        void flush() {
            if (current != null) {
                out.accept(new ComplianceRow(current.documentNumber(), current.version(), current.effectiveDate(), current.jobFunction(),
                        current.employeeId(), current.assignedAt(), current.dueDate(), current.completedAt(),
                        current.completedBeforeEffective(), current.daysLate(), current.status(), current.reason(),
                        current.originalDueDate(), current.extended(), current.title(), current.assignmentId(), current.completionId(),
                        List.copyOf(signatures), current.audit()));
                current = null;
                signatures.clear();
            }
        }

        private ComplianceRow row(ResultSet rs, String assignmentId, String function) throws SQLException {
            LocalDate effective = JdbcValues.localDate(rs, "effective_date");
            LocalDate due = JdbcValues.localDate(rs, "due_date");
            LocalDate originalDue = JdbcValues.localDate(rs, "original_due_date");
            Instant closedAt = JdbcValues.instant(rs, "closed_at");
            boolean closedByThen = closedAt != null && !closedAt.isAfter(asOf);
            String stored = rs.getString("status");
            Instant completedAt = closedByThen && "COMPLETED".equals(stored) ? JdbcValues.instant(rs, "completed_at") : null;
            String status;
            Long daysLate = null;
            Boolean beforeEffective = null;
            if (completedAt != null) {
                LocalDate completedOn = clock.dateOf(completedAt);
                daysLate = ChronoUnit.DAYS.between(due, completedOn);
                beforeEffective = completedOn.isBefore(effective);
                status = rs.getString("completed_by_document") != null ? "EQUIVALENT"
                        : daysLate > 0 ? "COMPLETED_LATE" : "COMPLETED_ON_TIME";
            } else if (closedByThen) {
                status = "EXEMPTED".equals(stored) ? "EXEMPT" : stored; // CANCELLED, SUPERSEDED, EXEMPT
            } else {
                status = asOfDate.isAfter(due) ? "OVERDUE" : "OPEN"; // daysLate stays null: it is measured at completion
            }
            return new ComplianceRow(rs.getString("document_number"), rs.getString("version"), effective, function,
                    rs.getString("employee_id"), JdbcValues.instant(rs, "assigned_at"), due, completedAt, beforeEffective, daysLate, status,
                    rs.getString("reason"), originalDue == null ? due : originalDue, originalDue != null && !originalDue.equals(due), rs.getString("title"), assignmentId,
                    completedAt == null ? null : rs.getString("completion_id"), List.of(),
                    "/api/audit?entity=assignment&id=" + assignmentId);
        }
    }
}
