package com.closeloop.bench;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A synthetic plant written straight into the schema with set-based SQL (the generator is not what is measured):
 * {@code functions} job functions, {@code employees} employees each holding one function, {@code documents} documents
 * each mapped to one function, one MAJOR revision of every document per year for {@code years} years ending in 2025
 * (effective dates spread over the year), an assignment per revision × holder, and a completion for 95 % of them
 * (about 80 % on time, 15 % late); the rest of the last year's stay open. With the defaults: 20,000 employees,
 * 5,000 documents, 400 job functions, 4 years → 1,000,000 assignments and 950,000 completions, plus 50,000 failed
 * assessment attempts → 1,000,000 completions.
 * <p>
 * Every size is a parameter (the benchmarks using it take them as JMH {@code -p} parameters); assignments =
 * documents × (employees / functions) × years. The largest plant of issue 8 — 50,000 employees, 20,000 documents,
 * 1,000,000 completions — is {@code employees=50000, documents=20000, functions=4000, years=4} (12–13 holders per
 * function, five documents each).
 * <p>
 * Codes start with {@code prefix}; a plant already generated under that prefix is reused (generation takes about
 * a minute on PostgreSQL). Works on PostgreSQL ({@code generate_series}) and H2 ({@code system_range}).
 */
final class SyntheticPlant {

    final String prefix;
    final int employees;
    final int documents;
    final int functions;
    final int years;

    SyntheticPlant(String prefix, int employees, int documents, int functions, int years) {
        this.prefix = prefix;
        this.employees = employees;
        this.documents = documents;
        this.functions = functions;
        this.years = years;
    }

    /** Assignments the plant holds: one per revision × holder of the document's function. */
    long assignments() {
        long total = 0;
        for (int f = 0; f < functions; f++) {
            long holders = employees / functions + (f < employees % functions ? 1 : 0);
            long docs = documents / functions + (f < documents % functions ? 1 : 0);
            total += holders * docs;
        }
        return total * years;
    }

    String function(int i) {
        return prefix + "-JF" + i;
    }

    /** Writes the plant unless it exists; returns true when it was generated now. */
    boolean ensure(JdbcTemplate jdbc, boolean postgres) {
        Integer known = jdbc.queryForObject("select count(*) from job_function where code = ?", Integer.class, function(0));
        if (known != null && known > 0) {
            return false;
        }
        String p = prefix;
        jdbc.update("insert into job_function (code, name, created_at, updated_at) select ? || '-JF' || x, 'Function ' || x,"
                + " current_timestamp, current_timestamp from " + series(postgres, 0, functions - 1), p);
        jdbc.update("insert into employee (employee_id, name, email, status, created_at, updated_at) select ? || '-E' || x,"
                + " 'Employee ' || x, null, 'ACTIVE', current_timestamp, current_timestamp from " + series(postgres, 0, employees - 1), p);
        jdbc.update("insert into job_function_holding (employee_id, job_function_code, valid_from, recorded_at) select ? || '-E' || x,"
                + " ? || '-JF' || mod(x, ?), date '2020-01-01', current_timestamp from " + series(postgres, 0, employees - 1), p, p,
                functions);
        jdbc.update("insert into controlled_document (document_number, title, category, created_at, updated_at) select ? || '-SOP' || x,"
                + " 'Synthetic SOP ' || x, 'STANDARD', current_timestamp, current_timestamp from " + series(postgres, 0, documents - 1), p);
        jdbc.update("insert into matrix_entry (document_number, job_function_code, training_method, added_at) select ? || '-SOP' || x,"
                + " ? || '-JF' || mod(x, ?), 'READ_AND_UNDERSTAND', timestamp with time zone '2020-01-01 00:00:00+00' from "
                + series(postgres, 0, documents - 1), p, p, functions);
        int firstYear = 2026 - years;
        for (int y = 0; y < years; y++) {
            int year = firstYear + y;
            int seq = y + 1;
            String effective = "(date '" + year + "-01-01' + mod(d.x, 365))";
            jdbc.update("insert into document_version (document_number, version, seq, title, category, change_type, effective_date,"
                    + " recorded_at, retraining_required, retraining_due_date, rule_name, rule_set_version, source_event_id,"
                    + " source_event_source) select ? || '-SOP' || d.x, '" + seq + ".0', " + seq + ", 'Synthetic SOP ' || d.x, 'STANDARD',"
                    + " 'MAJOR', " + effective + ", current_timestamp, true, " + effective + " + 30, 'synthetic', 'synthetic',"
                    + " 'syn-' || d.x || '-" + seq + "', 'urn:closeloop:synthetic' from " + series(postgres, 0, documents - 1, "d"), p);
            // assignment and completion keys: version, document, employee; employees of function f are f, f+F, f+2F, ...
            String pairs = " from " + series(postgres, 0, documents - 1, "d") + " join job_function_holding h on h.job_function_code = ? || '-JF'"
                    + " || mod(d.x, " + functions + ") and h.employee_id like ? ";
            String key = "'" + seq + "-' || d.x || '-' || substring(h.employee_id, " + (p.length() + 3) + ")";
            String employee = "cast(substring(h.employee_id, " + (p.length() + 3) + ") as integer)";
            // a well-spread 0..99 per (document, holder, year): holders of a document share d mod F, so mix the quotients
            String bucket = "mod((d.x / " + functions + ") * 37 + (" + employee + " / " + functions + ") * 11 + d.x * 7 + " + seq * 3 + ", 100)";
            boolean last = y == years - 1;
            String completedAt = "cast(" + effective + " + (case when " + bucket + " < 80 then mod(" + bucket + ", 40) - 10 else 35 + mod("
                    + bucket + ", 20) end) as timestamp) + interval '9' hour";
            String completes = last ? bucket + " < 95" : "1 = 1";
            jdbc.update("insert into training_completion (completion_id, employee_id, document_number, version, version_seq, completed_at,"
                    + " method, counts, rule_name, rule_set_version, source_event_id, source_event_source, recorded_at) select 'C' || " + key
                    + ", h.employee_id, ? || '-SOP' || d.x, '" + seq + ".0', " + seq + ", " + completedAt + ", 'READ_AND_UNDERSTAND', true,"
                    + " 'synthetic', 'synthetic', 'syn', 'urn:closeloop:synthetic', current_timestamp" + pairs + " where " + completes,
                    p, p, p + "-E%");
            jdbc.update("insert into training_assignment (assignment_id, employee_id, document_number, version, version_seq,"
                    + " effective_date, due_date, status, reason, assigned_at, open_key, completion_id, completed_at, closed_at, rule_name,"
                    + " rule_set_version, source_event_id, source_event_source, created_at) select 'A' || " + key + ", h.employee_id,"
                    + " ? || '-SOP' || d.x, '" + seq + ".0', " + seq + ", " + effective + ", " + effective + " + 30,"
                    + " case when " + completes + " then 'COMPLETED' else 'OPEN' end, 'REVISION', cast(" + effective
                    + " - 30 as timestamp), case when " + completes + " then null else h.employee_id || '|' || ? || '-SOP' || d.x end,"
                    + " case when " + completes + " then 'C' || " + key + " end, case when " + completes + " then " + completedAt + " end,"
                    + " case when " + completes + " then " + completedAt + " end, 'synthetic', 'synthetic', 'syn-' || d.x, "
                    + "'urn:closeloop:synthetic', current_timestamp" + pairs, p, p, p, p + "-E%");
        }
        // failed assessment attempts: 5 % extra completions that do not count
        jdbc.update("insert into training_completion (completion_id, employee_id, document_number, version, version_seq, completed_at,"
                + " method, score, counts, not_counting_reason, rule_name, rule_set_version, source_event_id, source_event_source,"
                + " recorded_at) select 'F' || c.completion_id, c.employee_id, c.document_number, c.version, c.version_seq,"
                + " c.completed_at - interval '1' day, 'ASSESSMENT', 50, false, 'score below pass mark', 'synthetic', 'synthetic', 'syn',"
                + " 'urn:closeloop:synthetic', current_timestamp from training_completion c where c.employee_id like ? and"
                + " mod(length(c.completion_id) + ascii(substring(c.completion_id, length(c.completion_id))), 20) = 0", p + "-E%");
        if (postgres) {
            jdbc.execute("analyze");
        }
        return true;
    }

    private static String series(boolean postgres, int from, int to) {
        return series(postgres, from, to, "g");
    }

    private static String series(boolean postgres, int from, int to, String alias) {
        return (postgres ? "generate_series(" : "system_range(") + from + ", " + to + ") as " + alias + "(x)";
    }
}
