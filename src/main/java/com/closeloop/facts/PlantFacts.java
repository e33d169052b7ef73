package com.closeloop.facts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.closeloop.JdbcValues;
import com.closeloop.rules.facts.CompletionHeld;
import com.closeloop.rules.facts.CompletionRecord;
import com.closeloop.rules.facts.OverdueAssignmentAt;
import com.closeloop.rules.facts.Holder;
import com.closeloop.rules.facts.MatrixMapping;
import com.closeloop.rules.facts.OpenAssignment;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Reads the plant as the rules see it: set-based queries that turn rows into fact records. Handlers call
 * it inside the event's transaction (after flushing their own changes); rules never call it.
 */
@Component
public class PlantFacts {

    private static final RowMapper<OpenAssignment> OPEN_ASSIGNMENT = (rs, i) -> new OpenAssignment(rs.getString("assignment_id"),
            rs.getString("employee_id"), rs.getString("document_number"), rs.getString("version"), rs.getInt("version_seq"),
            JdbcValues.localDate(rs, "due_date"), rs.getString("reason"), JdbcValues.localDate(rs, "original_due_date"));
    private static final String OPEN_ASSIGNMENT_COLUMNS = "select assignment_id, employee_id, document_number, version, version_seq,"
            + " due_date, reason, original_due_date from training_assignment";
    private static final RowMapper<MatrixMapping> MAPPING = (rs, i) -> new MatrixMapping(rs.getString("document_number"),
            rs.getString("job_function_code"), rs.getString("training_method"), (Integer) rs.getObject("retrain_every_months"));
    private static final String MAPPING_COLUMNS =
            "select document_number, job_function_code, training_method, retrain_every_months from matrix_entry";

    private static final String COMPLETION_COLUMNS = "select employee_id, document_number, version, version_seq, completed_at, score,"
            + " verified_by, counts from training_completion";
    private static final RowMapper<CompletionRecord> COMPLETION = (rs, i) -> new CompletionRecord(rs.getString("employee_id"),
            rs.getString("document_number"), rs.getString("version"), rs.getInt("version_seq"), JdbcValues.instant(rs, "completed_at"),
            rs.getObject("score") == null ? null : rs.getBigDecimal("score").doubleValue(), rs.getString("verified_by"),
            rs.getBoolean("counts"));

    private final JdbcTemplate jdbc;

    public PlantFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // --- reference data -------------------------------------------------------------------------

    public boolean employeeExists(String employeeId) {
        return count("select count(*) from employee where employee_id = ?", employeeId) > 0;
    }

    public Set<String> existingJobFunctions(Collection<String> codes) {
        if (codes.isEmpty()) {
            return Set.of();
        }
        return new TreeSet<>(jdbc.queryForList("select code from job_function where code in (" + placeholders(codes) + ")",
                String.class, codes.toArray()));
    }

    /** Of the given documents, those that exist (have an approved version). */
    public Set<String> existingDocuments(Collection<String> documentNumbers) {
        if (documentNumbers.isEmpty()) {
            return Set.of();
        }
        return new TreeSet<>(jdbc.queryForList("select document_number from controlled_document where document_number in ("
                + placeholders(documentNumbers) + ")", String.class, documentNumbers.toArray()));
    }

    public Optional<String> documentCategory(String documentNumber) {
        return jdbc.queryForList("select category from controlled_document where document_number = ?", String.class, documentNumber)
                .stream().findFirst();
    }

    /**
     * Locks the document's row until the transaction ends, so matrix changes of one document apply one after
     * another; false when the document is unknown.
     */
    public boolean lockDocument(String documentNumber) {
        return !jdbc.queryForList("select document_number from controlled_document where document_number = ? for update", String.class,
                documentNumber).isEmpty();
    }

    /** All approved versions of a document, oldest first. */
    public List<VersionInfo> versions(String documentNumber) {
        return jdbc.query("select document_number, version, seq, category, change_type, effective_date, retraining_required,"
                + " implementation_days, approved_event_at from document_version where document_number = ? order by seq",
                (rs, i) -> new VersionInfo(rs.getString("document_number"), rs.getString("version"), rs.getInt("seq"),
                        rs.getString("category"), rs.getString("change_type"), JdbcValues.localDate(rs, "effective_date"),
                        rs.getBoolean("retraining_required"), (Integer) rs.getObject("implementation_days"),
                        JdbcValues.instant(rs, "approved_event_at")), documentNumber);
    }

    // --- matrix -----------------------------------------------------------------------------------

    /** Matrix entries in force now for a document. */
    public List<MatrixMapping> mappingsOfDocument(String documentNumber) {
        return jdbc.query(MAPPING_COLUMNS + " where document_number = ? and removed_at is null order by job_function_code", MAPPING,
                documentNumber);
    }

    /** Matrix entries in force now for any of the job functions. */
    public List<MatrixMapping> mappingsOfFunctions(Collection<String> codes) {
        if (codes.isEmpty()) {
            return List.of();
        }
        return jdbc.query(MAPPING_COLUMNS + " where removed_at is null and job_function_code in (" + placeholders(codes)
                + ") order by document_number, job_function_code", MAPPING, codes.toArray());
    }

    /** Matrix entries in force now for any of the documents. */
    public List<MatrixMapping> mappingsOfDocuments(Collection<String> documentNumbers) {
        if (documentNumbers.isEmpty()) {
            return List.of();
        }
        return jdbc.query(MAPPING_COLUMNS + " where removed_at is null and document_number in (" + placeholders(documentNumbers)
                + ") order by document_number, job_function_code", MAPPING, documentNumbers.toArray());
    }

    // --- holdings ---------------------------------------------------------------------------------

    /** Active employees holding any of the job functions on {@code date} or later. */
    public List<Holder> holders(Collection<String> codes, LocalDate date) {
        if (codes.isEmpty()) {
            return List.of();
        }
        List<Object> args = new ArrayList<>(codes);
        args.add(JdbcValues.date(date));
        return jdbc.query("select distinct h.employee_id, h.job_function_code from job_function_holding h"
                + " join employee e on e.employee_id = h.employee_id"
                + " where e.status = 'ACTIVE' and h.retracted_at is null and h.job_function_code in (" + placeholders(codes) + ")"
                + " and (h.valid_to is null or h.valid_to >= ?)", (rs, i) -> new Holder(rs.getString(1), rs.getString(2)),
                args.toArray());
    }

    /** The job functions an active employee holds on {@code date} or later (none when terminated). */
    public List<Holder> holdingsOf(String employeeId, LocalDate date) {
        return jdbc.query("select distinct h.employee_id, h.job_function_code from job_function_holding h"
                + " join employee e on e.employee_id = h.employee_id"
                + " where e.employee_id = ? and e.status = 'ACTIVE' and h.retracted_at is null and (h.valid_to is null or h.valid_to >= ?)",
                (rs, i) -> new Holder(rs.getString(1), rs.getString(2)), employeeId, JdbcValues.date(date));
    }

    /** The employee with this e-mail address (stored lower-case), if exactly one. */
    public Optional<String> employeeByEmail(String email) {
        List<String> ids = jdbc.queryForList("select employee_id from employee where email = ?", String.class,
                email.toLowerCase(java.util.Locale.ROOT));
        return ids.size() == 1 ? Optional.of(ids.get(0)) : Optional.empty();
    }

    /** The employee's supervisor, if any. */
    public Optional<String> supervisorOf(String employeeId) {
        return jdbc.queryForList("select supervisor_id from employee where employee_id = ? and supervisor_id is not null", String.class,
                employeeId).stream().findFirst();
    }

    /** Of the given employees, those that exist. */
    public Set<String> existingEmployees(Collection<String> employeeIds) {
        if (employeeIds.isEmpty()) {
            return Set.of();
        }
        return new TreeSet<>(jdbc.queryForList("select employee_id from employee where employee_id in (" + placeholders(employeeIds)
                + ")", String.class, employeeIds.toArray()));
    }

    /** Of the given employees, those that are ACTIVE. */
    public Set<String> activeEmployees(Collection<String> employeeIds) {
        if (employeeIds.isEmpty()) {
            return Set.of();
        }
        return new TreeSet<>(jdbc.queryForList("select employee_id from employee where status = 'ACTIVE' and employee_id in ("
                + placeholders(employeeIds) + ")", String.class, employeeIds.toArray()));
    }

    // --- as of an instant ---------------------------------------------------------------------------

    /**
     * Did the employee (not terminated by T) hold, on T's plant date, a job function mapped to the document
     * by a matrix entry in force at T?
     */
    public boolean inMatrixAt(String employeeId, String documentNumber, Instant at, LocalDate day) {
        var t = JdbcValues.utc(at);
        return count("select count(*) from job_function_holding h"
                + " join employee e on e.employee_id = h.employee_id"
                + " join matrix_entry m on m.job_function_code = h.job_function_code"
                + " where h.employee_id = ? and m.document_number = ? and h.retracted_at is null"
                + " and h.valid_from <= ? and (h.valid_to is null or h.valid_to >= ?)"
                + " and m.added_at <= ? and (m.removed_at is null or m.removed_at > ?)"
                + " and (e.terminated_at is null or e.terminated_at > ?)", employeeId, documentNumber,
                JdbcValues.date(day), JdbcValues.date(day), t, t, t) > 0;
    }

    /**
     * The retraining interval in force for the employee and document at T: the shortest {@code retrainEveryMonths} of the
     * matrix entries in force then for the job functions held on T's plant date (SPEC §4b validity window); empty when
     * none has one.
     */
    public Optional<Integer> retrainIntervalAt(String employeeId, String documentNumber, Instant at, LocalDate day) {
        var t = JdbcValues.utc(at);
        Integer months = jdbc.queryForObject("select min(m.retrain_every_months) from job_function_holding h"
                + " join matrix_entry m on m.job_function_code = h.job_function_code"
                + " where h.employee_id = ? and m.document_number = ? and h.retracted_at is null"
                + " and h.valid_from <= ? and (h.valid_to is null or h.valid_to >= ?)"
                + " and m.added_at <= ? and (m.removed_at is null or m.removed_at > ?)", Integer.class, employeeId, documentNumber,
                JdbcValues.date(day), JdbcValues.date(day), t, t);
        return Optional.ofNullable(months);
    }

    /**
     * The pairs a tick may have to retrain (set-based; the rules decide which day has come): employees holding, on
     * {@code day}, a job function mapped (at {@code at}) with a retraining interval to a document, whose last counting
     * completion of it (by {@code at}) was made before {@code completedBefore}, with no assignment for it open at
     * {@code at} and no periodic assignment since that completion. Terminated employees are left out.
     */
    public List<com.closeloop.rules.facts.PeriodicCandidate> periodicCandidates(Instant at, LocalDate day, Instant completedBefore,
            com.closeloop.PlantClock clock) {
        var t = JdbcValues.utc(at);
        return jdbc.query("select p.employee_id, p.document_number, p.months, c.last_completed from"
                + " (select h.employee_id, m.document_number, min(m.retrain_every_months) months from job_function_holding h"
                + " join matrix_entry m on m.job_function_code = h.job_function_code join employee e on e.employee_id = h.employee_id"
                + " where h.retracted_at is null and h.valid_from <= ? and (h.valid_to is null or h.valid_to >= ?)"
                + " and m.retrain_every_months is not null and m.added_at <= ? and (m.removed_at is null or m.removed_at > ?)"
                + " and (e.terminated_at is null or e.terminated_at > ?) group by h.employee_id, m.document_number) p"
                + " join (select employee_id, document_number, max(completed_at) last_completed from training_completion"
                + " where counts and completed_at <= ? group by employee_id, document_number) c"
                + " on c.employee_id = p.employee_id and c.document_number = p.document_number"
                + " where c.last_completed < ?"
                + " and not exists (select 1 from training_assignment a where a.employee_id = p.employee_id"
                + " and a.document_number = p.document_number and a.assigned_at <= ? and (a.closed_at is null or a.closed_at > ?))"
                + " and not exists (select 1 from training_assignment a where a.employee_id = p.employee_id"
                + " and a.document_number = p.document_number and a.reason = 'PERIODIC' and a.assigned_at > c.last_completed)"
                + " order by p.employee_id, p.document_number",
                (rs, i) -> new com.closeloop.rules.facts.PeriodicCandidate(rs.getString("employee_id"), rs.getString("document_number"),
                        clock.dateOf(JdbcValues.instant(rs, "last_completed")), rs.getInt("months"), day),
                JdbcValues.date(day), JdbcValues.date(day), t, t, t, t, JdbcValues.utc(completedBefore), t, t);
    }

    /**
     * Assignments open at {@code at} due on one of {@code dueDates}, with the employee's supervisor and the document's
     * category: what the reminder rules look at on a tick; set-based, by the due-date index.
     */
    public List<com.closeloop.rules.facts.DueItem> dueItems(Instant at, LocalDate day, java.util.Collection<LocalDate> dueDates) {
        if (dueDates.isEmpty()) {
            return List.of();
        }
        var t = JdbcValues.utc(at);
        List<Object> args = new java.util.ArrayList<>();
        dueDates.forEach(d -> args.add(JdbcValues.date(d)));
        args.add(t);
        args.add(t);
        return jdbc.query("select a.assignment_id, a.employee_id, e.supervisor_id, a.document_number, a.version, d.category, a.due_date,"
                + " a.reason from training_assignment a join employee e on e.employee_id = a.employee_id"
                + " join controlled_document d on d.document_number = a.document_number"
                + " where a.due_date in (" + String.join(", ", java.util.Collections.nCopies(dueDates.size(), "?")) + ")"
                + " and a.assigned_at <= ? and (a.closed_at is null or a.closed_at > ?) order by a.due_date, a.employee_id, a.assignment_id",
                (rs, i) -> new com.closeloop.rules.facts.DueItem(rs.getString("assignment_id"), rs.getString("employee_id"),
                        rs.getString("supervisor_id"), rs.getString("document_number"), rs.getString("version"), rs.getString("category"),
                        JdbcValues.localDate(rs, "due_date"), rs.getString("reason").startsWith("CAPA "), day), args.toArray());
    }

    /** One holder of a job function mapped to a document, and whether they had completed the version (or a later one). */
    public record ReadinessRow(String jobFunctionCode, String employeeId, boolean qualified) {
    }

    /**
     * For the readiness gate, set-based: every active holder at {@code at} (holding on {@code day}) of each job function
     * mapped to the document at {@code at}, with whether they would be qualified on version {@code seq} at {@code at}: a
     * counting completion of it or a later version made by {@code at} (own or through an equivalent course), an exemption
     * in force at {@code at} (any version or this one), or — when {@code implementationUntil} is given and {@code day} is not
     * after it — a counting completion of the previously required version ({@code previousSeq} or later, before {@code seq})
     * made by {@code trainedBy} (the approval's event time). By job function, then employee.
     */
    public List<ReadinessRow> readiness(String documentNumber, String version, int seq, Instant at, LocalDate day,
            LocalDate implementationUntil, int previousSeq, Instant trainedBy) {
        var t = JdbcValues.utc(at);
        boolean implementation = implementationUntil != null && !day.isAfter(implementationUntil) && previousSeq > 0;
        List<Object> args = new ArrayList<>(List.of(seq, t, version, t, JdbcValues.date(day), t));
        String period = "";
        if (implementation) {
            period = " or exists (select 1 from training_completion p where p.employee_id = h.employee_id"
                    + " and p.document_number = m.document_number and p.counts and p.version_seq >= ? and p.version_seq < ?"
                    + " and p.completed_at <= ?)";
            Instant by = trainedBy == null || trainedBy.isAfter(at) ? at : trainedBy;
            args.addAll(List.of(previousSeq, seq, JdbcValues.utc(by)));
        }
        args.addAll(List.of(documentNumber, t, t, JdbcValues.date(day), JdbcValues.date(day), t));
        return jdbc.query("select m.job_function_code, h.employee_id, case when exists (select 1 from training_completion c"
                + " where c.employee_id = h.employee_id and c.document_number = m.document_number and c.counts and c.version_seq >= ?"
                + " and c.completed_at <= ?) or exists (select 1 from training_exemption x where x.employee_id = h.employee_id"
                + " and x.document_number = m.document_number and (x.version is null or x.version = ?) and x.granted_at <= ?"
                + " and x.valid_until >= ? and (x.revoked_at is null or x.revoked_at > ?))" + period + " then 1 else 0 end as qualified"
                + " from matrix_entry m join job_function_holding h on h.job_function_code = m.job_function_code"
                + " join employee e on e.employee_id = h.employee_id"
                + " where m.document_number = ? and m.added_at <= ? and (m.removed_at is null or m.removed_at > ?)"
                + " and h.retracted_at is null and h.valid_from <= ? and (h.valid_to is null or h.valid_to >= ?)"
                + " and (e.terminated_at is null or e.terminated_at > ?)"
                + " group by m.job_function_code, h.employee_id, m.document_number order by m.job_function_code, h.employee_id",
                (rs, i) -> new ReadinessRow(rs.getString(1), rs.getString(2), rs.getInt(3) == 1), args.toArray());
    }

    /** The shortest retraining interval on any matrix entry, if any has one (bounds a tick's candidate query). */
    public Optional<Integer> shortestRetrainInterval() {
        return Optional.ofNullable(jdbc.queryForObject("select min(retrain_every_months) from matrix_entry where removed_at is null",
                Integer.class));
    }

    /** Completions of the document by the employee made by T, newest version first, then latest first. */
    public List<CompletionRecord> completionsBy(String employeeId, String documentNumber, Instant at) {
        return jdbc.query(COMPLETION_COLUMNS + " where employee_id = ? and document_number = ? and completed_at <= ?"
                + " order by version_seq desc, completed_at desc", COMPLETION, employeeId, documentNumber, JdbcValues.utc(at));
    }

    /** Every completion of the document by any of the employees. */
    public List<CompletionRecord> completionsOf(Collection<String> employeeIds, String documentNumber) {
        if (employeeIds.isEmpty()) {
            return List.of();
        }
        List<Object> args = new ArrayList<>(employeeIds);
        args.add(documentNumber);
        return jdbc.query(COMPLETION_COLUMNS + " where employee_id in (" + placeholders(employeeIds) + ") and document_number = ?"
                + " order by employee_id, version_seq, completed_at", COMPLETION, args.toArray());
    }

    /** Assignments of the employee for the document that, at T, were assigned, past due and not closed. */
    public List<OverdueAssignmentAt> overdueAssignmentsAt(String employeeId, String documentNumber, Instant at, LocalDate day) {
        var t = JdbcValues.utc(at);
        return jdbc.query("select version, version_seq, due_date from training_assignment where employee_id = ? and document_number = ?"
                + " and assigned_at <= ? and (closed_at is null or closed_at > ?) and due_date < ?",
                (rs, i) -> new OverdueAssignmentAt(employeeId, documentNumber, rs.getString(1), rs.getInt(2),
                        JdbcValues.localDate(rs, "due_date")), employeeId, documentNumber, t, t, JdbcValues.date(day));
    }

    // --- assignments and completions ---------------------------------------------------------------

    public List<OpenAssignment> openAssignmentsOfDocument(String documentNumber) {
        return jdbc.query(OPEN_ASSIGNMENT_COLUMNS + " where document_number = ? and status = 'OPEN'", OPEN_ASSIGNMENT, documentNumber);
    }

    public List<OpenAssignment> openAssignmentsOf(String employeeId) {
        return jdbc.query(OPEN_ASSIGNMENT_COLUMNS + " where employee_id = ? and status = 'OPEN'", OPEN_ASSIGNMENT, employeeId);
    }

    /** Each employee's latest counting completion of the document (by version sequence). */
    public List<CompletionHeld> countingCompletionsOfDocument(String documentNumber) {
        return jdbc.query("select employee_id, max(version_seq) from training_completion where document_number = ? and counts = true"
                + " group by employee_id", (rs, i) -> new CompletionHeld(rs.getString(1), documentNumber, rs.getInt(2)), documentNumber);
    }

    /** The employee's latest counting completion of each document. */
    public List<CompletionHeld> countingCompletionsOf(String employeeId) {
        return jdbc.query("select document_number, max(version_seq) from training_completion where employee_id = ? and counts = true"
                + " group by document_number", (rs, i) -> new CompletionHeld(employeeId, rs.getString(1), rs.getInt(2)), employeeId);
    }

    private int count(String sql, Object... args) {
        Integer n = jdbc.queryForObject(sql, Integer.class, args);
        return n == null ? 0 : n;
    }

    static String placeholders(Collection<?> values) {
        return String.join(", ", java.util.Collections.nCopies(values.size(), "?"));
    }
}
