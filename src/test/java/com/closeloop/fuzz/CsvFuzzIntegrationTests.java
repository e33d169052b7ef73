package com.closeloop.fuzz;

import static com.closeloop.support.Hub.holds;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import com.closeloop.connectors.CsvImport;
import com.closeloop.support.Eventually;
import com.closeloop.support.Hub;
import com.closeloop.support.IntegrationTest;
import com.opencsv.CSVReader;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * SPEC §3 for CSV drop folders under fire: "the valid rows go in, every bad row is reported with its line number, and the
 * file is moved aside with an error report beside it. Nothing accepted is lost."
 *
 * <p>From a fixed seed ({@link #SEED}) the test generates well over 2,000 malformed rows and files for every shipped
 * connector mapping (hr-roster, eqms-versions, training-matrix, legacy-lms): wrong types, empty required cells, missing
 * and extra columns, 100,000-character cells, invalid and impossible dates, unknown references (employee, document,
 * version, job function, an unmapped matrix pair), invalid UTF-8, NUL bytes, formula-looking cells, backslashes; written
 * with LF, CRLF or CR-only line endings, minimal or full quoting, blank lines between records. File-level cases: empty
 * files, header-only files, byte-order marks (UTF-8, UTF-16LE/BE), duplicate and missing header columns, unbalanced
 * quotes, multi-line quoted cells before a bad row.
 *
 * <p>Two worlds keep the check exact. Every bad row refers to records of the "bad" prefix (its plant: a job function, a
 * mapped document, an employee), and that prefix's database fingerprint ({@link Hub#snapshot()}) must not change across
 * any file; valid rows, mixed into the same files, live under the "good" prefix and each must be applied with exactly its
 * values. Per file: the import's summary, the number of accepted events, the file's place ({@code done/} or
 * {@code failed/}), and the report: exactly one line per expected problem with the record's first line number, the column
 * and the data field. Most files are fed to the {@code csvImport} bean directly (the method the route calls) in a folder the
 * route does not watch; {@link #theDropFolderRouteGivesTheSameOutcomes()} sends a sample through the real route.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CsvFuzzIntegrationTests {

    static final long SEED = 20261126L;
    static final int MIN_INPUTS = 2_000;
    static final int HUGE = 100_000;
    static final int REPEATS = 13;

    /** Watched by the drop-folder route. */
    static final Path DROP = temp("closeloop-csvfuzz-drop");
    /** Not watched: files handed to the import bean directly. */
    static final Path WORK = temp("closeloop-csvfuzz-work");
    static final Path CONNECTORS = temp("closeloop-csvfuzz-connectors");

    /** Placeholders for byte sequences that are not UTF-8, replaced when a file is encoded. */
    static final Map<Character, byte[]> RAW = Map.of(
            '\uE000', new byte[] { (byte) 0xC3, 0x28 },                     // a lead byte without its continuation
            '\uE001', new byte[] { (byte) 0xFF },                           // never valid
            '\uE002', new byte[] { (byte) 0xC0, (byte) 0x80 },              // overlong NUL
            '\uE003', new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }); // a UTF-16 surrogate

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) throws IOException {
        Eventually.copyTree(Path.of("connectors"), CONNECTORS);
        registry.add("closeloop.connectors.drop-root", DROP::toString);
        registry.add("closeloop.connectors.dir", CONNECTORS::toString);
        registry.add("closeloop.connectors.poll-delay", () -> 200);
    }

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CsvImport csvImport;

    Hub bad;
    Hub good;
    String bJf;
    String bJf2;
    String bSop;
    String bE1;
    String gJf;
    String gSop;
    String gE1;
    final List<String> gJfs = new ArrayList<>();
    final Random random = new Random(SEED);
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final Map<String, Connector> connectors = new LinkedHashMap<>();
    int inputs;
    int files;
    int validRows;
    int sequence;

    // ---------------------------------------------------------------------------------------------------------------
    // The plant: a bad world every malformed row refers to, and a good world for the valid rows mixed in
    // ---------------------------------------------------------------------------------------------------------------

    @BeforeAll
    void plant() {
        bad = new Hub(http, jdbc);
        good = new Hub(http, jdbc);
        bJf = bad.jobFunction("JF");
        bJf2 = bad.jobFunction("JF2");
        bSop = bad.id("SOP");
        bad.version(bSop, "STANDARD", "1.0", "MAJOR", "2026-01-15", "2026-01-02T09:00:00Z");
        bE1 = bad.id("E1");
        bad.person(bE1, "ACTIVE", "2026-01-03T08:00:00Z", holds(bJf, "2025-01-01"));
        bad.map(bSop, bJf, null, "2026-01-04T08:00:00Z");

        gJf = good.jobFunction("JF");
        for (int i = 0; i < 8; i++) {
            gJfs.add(good.jobFunction("MJF" + i));
        }
        gSop = good.id("SOP");
        good.version(gSop, "STANDARD", "1.0", "MAJOR", "2026-01-15", "2026-01-02T09:00:00Z");
        gE1 = good.id("E1");
        good.person(gE1, "ACTIVE", "2026-01-03T08:00:00Z", holds(gJf, "2025-01-01"));
        connectors();

        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterAll
    void detach() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Model: connectors, rows, mutations, files
    // ---------------------------------------------------------------------------------------------------------------

    /** A mutation of a valid row of the bad world, and the problems it must be reported with ("COLUMN|field"). */
    record Mutation(String name, Function<List<String>, List<String>> apply, List<String> expected) {
    }

    /** A shipped connector: its header, separator, source, a bad-world base row, a good-world valid row with its check. */
    record Connector(String name, char separator, String source, List<String> header, Function<Integer, List<String>> badBase,
            Function<Integer, Valid> valid, List<Mutation> mutations) {
    }

    /** A valid row and what must be true once it was imported. */
    record Valid(List<String> cells, Runnable check) {
    }

    /** One record of a generated file: its cells and the problems expected for it (none: a valid row). */
    record Rec(List<String> cells, List<String> expected, Runnable check) {
        boolean valid() {
            return expected.isEmpty();
        }
    }

    enum Quoting { MINIMAL, ALL }

    record Format(String newline, Quoting quoting, boolean blankLines, boolean finalNewline) {
    }

    static Mutation set(String name, String column, List<String> header, String value, String... expected) {
        int index = header.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException(column);
        }
        return new Mutation(name, row -> {
            List<String> copy = new ArrayList<>(row);
            copy.set(index, value);
            return copy;
        }, List.of(expected));
    }

    static Mutation cells(String name, Function<List<String>, List<String>> apply, String... expected) {
        return new Mutation(name, apply, List.of(expected));
    }

    static String huge(char c) {
        return String.valueOf(c).repeat(HUGE);
    }

    /** Mutations every connector shares: wrong column counts. */
    static List<Mutation> shape() {
        return List.of(
                cells("extra column", row -> append(row, "extra"), "|"),
                cells("two extra columns", row -> append(append(row, "x"), "=1+1"), "|"),
                cells("one column missing", row -> row.subList(0, row.size() - 1), "|"),
                cells("only one column", row -> row.subList(0, 1), "|"));
    }

    static List<String> append(List<String> row, String cell) {
        List<String> copy = new ArrayList<>(row);
        copy.add(cell);
        return copy;
    }

    void connectors() {
        List<String> hr = List.of("EMP_NO", "FULL_NAME", "EMAIL", "SUPERVISOR", "STATUS", "JOB_CODES", "JOB_FROM", "JOB_TO");
        List<Mutation> hrMutations = new ArrayList<>(shape());
        hrMutations.addAll(List.of(
                set("employee id empty", "EMP_NO", hr, "", "EMP_NO|employeeId"),
                set("employee id blank", "EMP_NO", hr, "   ", "EMP_NO|employeeId"),
                set("employee id with a space", "EMP_NO", hr, bad.id("E 1"), "EMP_NO|employeeId"),
                set("employee id of 65 characters", "EMP_NO", hr, bad.id("E") + "x".repeat(60), "EMP_NO|employeeId"),
                set("employee id of 100,000 characters", "EMP_NO", hr, bad.id("E") + huge('x'), "EMP_NO|employeeId"),
                set("employee id formula with spaces", "EMP_NO", hr, "=cmd|' /C calc'!A0", "EMP_NO|employeeId"),
                set("employee id with NUL", "EMP_NO", hr, bad.id("E\u0000N"), "EMP_NO|employeeId"),
                set("employee id with invalid UTF-8", "EMP_NO", hr, bad.id("E\uE001"), "EMP_NO|employeeId"),
                set("name empty", "FULL_NAME", hr, "", "FULL_NAME|name"),
                set("name of 201 characters", "FULL_NAME", hr, "n".repeat(201), "FULL_NAME|name"),
                set("name of 100,000 characters", "FULL_NAME", hr, huge('n'), "FULL_NAME|name"),
                set("name with NUL", "FULL_NAME", hr, "Ana\u0000Costa", "FULL_NAME|name"),
                set("name with a truncated sequence", "FULL_NAME", hr, "Ana \uE000 Costa", "FULL_NAME|name"),
                set("name with an overlong NUL", "FULL_NAME", hr, "Ana\uE002", "FULL_NAME|name"),
                set("name with a surrogate", "FULL_NAME", hr, "\uE003Ana", "FULL_NAME|name"),
                set("e-mail without @", "EMAIL", hr, "ana.plant.example", "EMAIL|email"),
                set("e-mail with two @", "EMAIL", hr, "a@b@c", "EMAIL|email"),
                set("e-mail of 100,000 characters", "EMAIL", hr, huge('e') + "@x", "EMAIL|email"),
                set("own supervisor", "SUPERVISOR", hr, "${self}", "SUPERVISOR|supervisorId"),
                set("supervisor with a space", "SUPERVISOR", hr, "S 1", "SUPERVISOR|supervisorId"),
                set("status empty", "STATUS", hr, "", "STATUS|status"),
                set("status unknown", "STATUS", hr, "X", "STATUS|status"),
                set("status a number", "STATUS", hr, "1", "STATUS|status"),
                set("status formula", "STATUS", hr, "=1+1", "STATUS|status"),
                set("status @formula", "STATUS", hr, "@SUM(A1)", "STATUS|status"),
                set("job codes empty", "JOB_CODES", hr, "", "JOB_CODES|jobFunctions[0].code"),
                set("job code unknown", "JOB_CODES", hr, bad.id("NO-SUCH-JF"), "JOB_CODES|jobFunctions[0].code"),
                set("second job code without its from date", "JOB_CODES", hr, bJf + "|" + bad.id("NOPE"), "JOB_FROM|jobFunctions[1].from"),
                cells("same job code twice, overlapping", row -> {
                    List<String> copy = new ArrayList<>(row);
                    copy.set(5, bJf + "|" + bJf);
                    copy.set(6, "01.01.2024|01.06.2024");
                    return copy;
                }, "|jobFunctions[1]"),
                set("job code with a space", "JOB_CODES", hr, "QA REVIEWER", "JOB_CODES|jobFunctions[0].code"),
                set("from empty", "JOB_FROM", hr, "", "JOB_FROM|jobFunctions[0].from"),
                set("from ISO instead of dd.MM.yyyy", "JOB_FROM", hr, "2024-01-01", "JOB_FROM|jobFunctions[].from"),
                set("from without leading zeros", "JOB_FROM", hr, "1.1.2024", "JOB_FROM|jobFunctions[].from"),
                set("from month 13", "JOB_FROM", hr, "01.13.2024", "JOB_FROM|jobFunctions[].from"),
                set("from day 0", "JOB_FROM", hr, "00.01.2024", "JOB_FROM|jobFunctions[].from"),
                set("from 31 February", "JOB_FROM", hr, "31.02.2024", "JOB_FROM|jobFunctions[].from"),
                set("from 31 April", "JOB_FROM", hr, "31.04.2025", "JOB_FROM|jobFunctions[].from"),
                set("from 29 February of a common year", "JOB_FROM", hr, "29.02.2025", "JOB_FROM|jobFunctions[].from"),
                set("from two-digit year", "JOB_FROM", hr, "01.01.24", "JOB_FROM|jobFunctions[].from"),
                set("from year 0999", "JOB_FROM", hr, "01.01.0999", "JOB_FROM|jobFunctions[0].from"),
                set("from text", "JOB_FROM", hr, "yesterday", "JOB_FROM|jobFunctions[].from"),
                set("from formula", "JOB_FROM", hr, "=TODAY()", "JOB_FROM|jobFunctions[].from"),
                set("to before from", "JOB_TO", hr, "31.12.2023", "JOB_TO|jobFunctions[0].to"),
                set("to 30 February", "JOB_TO", hr, "30.02.2026", "JOB_TO|jobFunctions[].to"),
                set("to of 100,000 characters", "JOB_TO", hr, huge('1'), "JOB_TO|jobFunctions[].to")));
        connectors.put("hr-roster", new Connector("hr-roster", ';', "urn:closeloop:connector:hr-roster", hr,
                n -> List.of(bad.id("E" + n), "Name " + n, "b" + n + "@plant.example", "", "A", bJf, "01.01.2024", ""),
                n -> {
                    String id = good.id("E" + n);
                    String name = goodText(n);
                    return new Valid(List.of(id, name, "g" + n + "@plant.example", gE1, n % 5 == 0 ? "ACTIVE" : "A", gJf, "01.01.2024",
                            ""), () -> {
                                assertThat(jdbc.queryForObject("select name from employee where employee_id = ?", String.class, id))
                                        .as(id).isEqualTo(name);
                                assertThat(good.count("select count(*) from job_function_holding where employee_id = ? and"
                                        + " job_function_code = ? and retracted_at is null", id, gJf)).isEqualTo(1);
                            });
                }, hrMutations));

        List<String> eq = List.of("EXPORT_ID", "DocNumber", "Title", "Category", "Revision", "ChangeType", "EffectiveDate", "CCR",
                "ApprovedAt");
        List<Mutation> eqMutations = new ArrayList<>(shape());
        eqMutations.addAll(List.of(
                set("export id empty", "EXPORT_ID", eq, "", "EXPORT_ID|id"),
                set("export id of 201 characters", "EXPORT_ID", eq, "x".repeat(201), "EXPORT_ID|id"),
                set("export id with NUL", "EXPORT_ID", eq, "X\u0000" + sequence, "EXPORT_ID|id"),
                set("document number empty", "DocNumber", eq, "", "DocNumber|documentNumber"),
                set("document number with a space", "DocNumber", eq, bad.id("SOP 9"), "DocNumber|documentNumber"),
                set("document number of 100,000 characters", "DocNumber", eq, bad.id(huge('D')), "DocNumber|documentNumber"),
                set("document number with invalid UTF-8", "DocNumber", eq, bad.id("D\uE000"), "DocNumber|documentNumber"),
                set("title empty", "Title", eq, "", "Title|title"),
                set("title of 301 characters", "Title", eq, "t".repeat(301), "Title|title"),
                set("title with NUL", "Title", eq, "Clean\u0000ing", "Title|title"),
                set("title with invalid UTF-8", "Title", eq, "Clean\uE001ing", "Title|title"),
                set("category empty", "Category", eq, "", "Category|category"),
                set("category with a space", "Category", eq, "VERY CRITICAL", "Category|category"),
                set("revision empty", "Revision", eq, "", "Revision|version"),
                set("revision of 33 characters", "Revision", eq, "1".repeat(33), "Revision|version"),
                set("change type unknown", "ChangeType", eq, "Huge", "ChangeType|changeType"),
                set("change type empty", "ChangeType", eq, "", "ChangeType|changeType"),
                set("change type formula", "ChangeType", eq, "+Major", "ChangeType|changeType"),
                set("effective date empty", "EffectiveDate", eq, "", "EffectiveDate|effectiveDate"),
                set("effective date dd.MM.yyyy", "EffectiveDate", eq, "01.03.2026", "EffectiveDate|effectiveDate"),
                set("effective date 30 February", "EffectiveDate", eq, "2026-02-30", "EffectiveDate|effectiveDate"),
                set("effective date month 13", "EffectiveDate", eq, "2026-13-01", "EffectiveDate|effectiveDate"),
                set("effective date year +999999999", "EffectiveDate", eq, "+999999999-12-31", "EffectiveDate|effectiveDate"),
                set("effective date year 0999", "EffectiveDate", eq, "0999-01-01", "EffectiveDate|effectiveDate"),
                set("effective date with time", "EffectiveDate", eq, "2026-03-01T00:00:00Z", "EffectiveDate|effectiveDate"),
                set("effective date of 100,000 characters", "EffectiveDate", eq, huge('2'), "EffectiveDate|effectiveDate"),
                set("change control of 65 characters", "CCR", eq, "C".repeat(65), "CCR|changeControlId"),
                set("approved at without offset", "ApprovedAt", eq, "2026-02-01T10:00:00", "ApprovedAt|approvedAt"),
                set("approved at with a space", "ApprovedAt", eq, "2026-02-01 10:00:00Z", "ApprovedAt|approvedAt"),
                set("approved at text", "ApprovedAt", eq, "yesterday", "ApprovedAt|approvedAt"),
                set("approved at hour 25", "ApprovedAt", eq, "2026-02-01T25:00:00Z", "ApprovedAt|approvedAt"),
                cells("existing document, same version", row -> {
                    List<String> copy = new ArrayList<>(row);
                    copy.set(1, bSop);
                    return copy;
                }, "Revision|version"),
                cells("existing document, effective before the current version", row -> {
                    List<String> copy = new ArrayList<>(row);
                    copy.set(1, bSop);
                    copy.set(4, "2.0");
                    copy.set(6, "2025-01-01");
                    return copy;
                }, "EffectiveDate|effectiveDate")));
        connectors.put("eqms-versions", new Connector("eqms-versions", ',', "urn:eqms:document-control", eq,
                n -> List.of(bad.id("X" + n), bad.id("DOC" + n), "Title " + n, "STANDARD", "1.0", "Major", "2026-03-01", "CC-" + n,
                        "2026-02-01T10:00:00Z"),
                n -> {
                    String doc = good.id("DOC" + n);
                    String title = goodText(n);
                    return new Valid(List.of(good.id("X" + n), doc, title, "STANDARD", "1.0", "Major", "2026-03-01", "CC-" + n,
                            "2026-02-01T10:00:00Z"), () -> assertThat(jdbc.queryForObject("select title from document_version"
                                    + " where document_number = ? and version = '1.0'", String.class, doc)).as(doc).isEqualTo(title));
                }, eqMutations));

        List<String> mx = List.of("DOC_NO", "JOB_CODE", "METHOD", "RETRAIN_MONTHS", "ACTION");
        List<Mutation> mxMutations = new ArrayList<>(shape());
        mxMutations.addAll(List.of(
                set("document empty", "DOC_NO", mx, "", "DOC_NO|documentNumber"),
                set("document unknown", "DOC_NO", mx, bad.id("NO-SUCH-SOP"), "DOC_NO|documentNumber"),
                set("document with a space", "DOC_NO", mx, "SOP 1", "DOC_NO|documentNumber"),
                set("document of 100,000 characters", "DOC_NO", mx, huge('S'), "DOC_NO|documentNumber"),
                set("document with NUL", "DOC_NO", mx, bSop + "\u0000", "DOC_NO|documentNumber"),
                set("job function empty", "JOB_CODE", mx, "", "JOB_CODE|jobFunctionCode"),
                set("job function unknown", "JOB_CODE", mx, bad.id("NO-SUCH-JF"), "JOB_CODE|jobFunctionCode"),
                set("job function formula", "JOB_CODE", mx, "=HYPERLINK(\"http://x\")", "JOB_CODE|jobFunctionCode"),
                set("job function with invalid UTF-8", "JOB_CODE", mx, bJf2 + "\uE003", "JOB_CODE|jobFunctionCode"),
                set("method unknown", "METHOD", mx, "VIDEO", "METHOD|trainingMethod"),
                set("method with invalid UTF-8", "METHOD", mx, "T\uE000EST", "METHOD|trainingMethod"),
                set("months text", "RETRAIN_MONTHS", mx, "twelve", "RETRAIN_MONTHS|retrainEveryMonths"),
                set("months fraction", "RETRAIN_MONTHS", mx, "1.5", "RETRAIN_MONTHS|retrainEveryMonths"),
                set("months decimal comma", "RETRAIN_MONTHS", mx, "12,5", "RETRAIN_MONTHS|retrainEveryMonths"),
                set("months zero", "RETRAIN_MONTHS", mx, "0", "RETRAIN_MONTHS|retrainEveryMonths"),
                set("months negative", "RETRAIN_MONTHS", mx, "-12", "RETRAIN_MONTHS|retrainEveryMonths"),
                set("months 241", "RETRAIN_MONTHS", mx, "241", "RETRAIN_MONTHS|retrainEveryMonths"),
                set("months 1e400", "RETRAIN_MONTHS", mx, "1e400", "RETRAIN_MONTHS|retrainEveryMonths"),
                set("months NaN", "RETRAIN_MONTHS", mx, "NaN", "RETRAIN_MONTHS|retrainEveryMonths"),
                set("months Infinity", "RETRAIN_MONTHS", mx, "Infinity", "RETRAIN_MONTHS|retrainEveryMonths"),
                set("months of 100,000 digits", "RETRAIN_MONTHS", mx, huge('9'), "RETRAIN_MONTHS|retrainEveryMonths"),
                set("months hex", "RETRAIN_MONTHS", mx, "0x0C", "RETRAIN_MONTHS|retrainEveryMonths"),
                set("action unknown", "ACTION", mx, "DELETE", "ACTION|type"),
                set("action empty", "ACTION", mx, "", "ACTION|type"),
                set("action lower case", "ACTION", mx, "add", "ACTION|type"),
                set("action formula", "ACTION", mx, "-ADD", "ACTION|type"),
                cells("removal of a pair that is not mapped", row -> {
                    List<String> copy = new ArrayList<>(row);
                    copy.set(4, "REMOVE");
                    return copy;
                }, "JOB_CODE|jobFunctionCode")));
        connectors.put("training-matrix", new Connector("training-matrix", ',', "urn:closeloop:connector:training-matrix", mx,
                n -> List.of(bSop, bJf2, "TEST", "12", "ADD"),
                n -> {
                    String jf = gJfs.get(n % gJfs.size());
                    String method = n % 2 == 0 ? "TEST" : "RU";
                    return new Valid(List.of(gSop, jf, method, "12", n % 3 == 0 ? "CHANGE" : "ADD"), () -> assertThat(jdbc.queryForObject(
                            "select training_method from matrix_entry where document_number = ? and job_function_code = ?"
                                    + " and removed_at is null", String.class, gSop, jf))
                                            .isEqualTo(method.equals("TEST") ? "ASSESSMENT" : "READ_AND_UNDERSTAND"));
                }, mxMutations));

        List<String> lms = List.of("USER_ID", "COURSE_DOC", "COURSE_REV", "DATE_COMPLETED", "TYPE", "SCORE", "TRAINER");
        List<Mutation> lmsMutations = new ArrayList<>(shape());
        lmsMutations.addAll(List.of(
                set("employee empty", "USER_ID", lms, "", "USER_ID|employeeId"),
                set("employee unknown", "USER_ID", lms, bad.id("NOBODY"), "USER_ID|employeeId"),
                set("employee with NUL", "USER_ID", lms, bE1 + "\u0000", "USER_ID|employeeId"),
                set("employee of 100,000 characters", "USER_ID", lms, huge('E'), "USER_ID|employeeId"),
                set("document empty", "COURSE_DOC", lms, "", "COURSE_DOC|documentNumber"),
                set("document unknown", "COURSE_DOC", lms, bad.id("NO-SUCH-SOP"), "COURSE_DOC|documentNumber"),
                set("document with invalid UTF-8", "COURSE_DOC", lms, bSop + "\uE001", "COURSE_DOC|documentNumber"),
                set("version empty", "COURSE_REV", lms, "", "COURSE_REV|version"),
                set("version unknown", "COURSE_REV", lms, "9.9", "COURSE_REV|version"),
                set("version of 33 characters", "COURSE_REV", lms, "1".repeat(33), "COURSE_REV|version"),
                set("completed empty", "DATE_COMPLETED", lms, "", "DATE_COMPLETED|completedAt"),
                set("completed ISO", "DATE_COMPLETED", lms, "2026-01-20T09:30:00Z", "DATE_COMPLETED|completedAt"),
                set("completed without time", "DATE_COMPLETED", lms, "01/20/2026", "DATE_COMPLETED|completedAt"),
                set("completed day first", "DATE_COMPLETED", lms, "20/01/2026 09:30", "DATE_COMPLETED|completedAt"),
                set("completed 30 February", "DATE_COMPLETED", lms, "02/30/2026 09:30", "DATE_COMPLETED|completedAt"),
                set("completed 31 June", "DATE_COMPLETED", lms, "06/31/2025 09:30", "DATE_COMPLETED|completedAt"),
                set("completed hour 24", "DATE_COMPLETED", lms, "01/20/2026 24:00", "DATE_COMPLETED|completedAt"),
                set("completed minute 60", "DATE_COMPLETED", lms, "01/20/2026 09:60", "DATE_COMPLETED|completedAt"),
                set("completed in the future", "DATE_COMPLETED", lms, "01/20/2099 09:30", "DATE_COMPLETED|completedAt"),
                set("completed year 0999", "DATE_COMPLETED", lms, "01/20/0999 09:30", "DATE_COMPLETED|completedAt"),
                set("completed formula", "DATE_COMPLETED", lms, "=NOW()", "DATE_COMPLETED|completedAt"),
                set("completed of 100,000 characters", "DATE_COMPLETED", lms, huge('1'), "DATE_COMPLETED|completedAt"),
                set("type unknown", "TYPE", lms, "WEBINAR", "TYPE|method"),
                set("score text", "SCORE", lms, "good", "SCORE|score"),
                set("score 101", "SCORE", lms, "101", "SCORE|score"),
                set("score negative", "SCORE", lms, "-1", "SCORE|score"),
                set("score 1e400", "SCORE", lms, "1e400", "SCORE|score"),
                set("score NaN", "SCORE", lms, "NaN", "SCORE|score"),
                set("score percent", "SCORE", lms, "90%", "SCORE|score"),
                set("score of 100,000 digits", "SCORE", lms, huge('9'), "SCORE|score"),
                set("trainer of 65 characters", "TRAINER", lms, "T".repeat(65), "TRAINER|verifiedBy"),
                set("trainer with NUL", "TRAINER", lms, "T\u0000R", "TRAINER|verifiedBy"),
                set("trainer with invalid UTF-8", "TRAINER", lms, "Tr\uE002ainer", "TRAINER|verifiedBy")));
        connectors.put("legacy-lms", new Connector("legacy-lms", ',', "urn:closeloop:connector:legacy-lms", lms,
                n -> List.of(bE1, bSop, "1.0", "01/20/2026 09:30", "EXAM", "90", ""),
                n -> {
                    String at = String.format("01/%02d/2026 %02d:%02d", 16 + n % 12, 6 + n % 10, n % 60);
                    return new Valid(List.of(gE1, gSop, "1.0", at, "EXAM", String.valueOf(80 + n % 21), n % 4 == 0 ? goodText(n) : ""),
                            () -> assertThat(good.count("select count(*) from training_completion where employee_id = ? and"
                                    + " document_number = ? and score = ?", gE1, gSop, 80 + n % 21)).isPositive());
                }, lmsMutations));
    }

    /** Text that must arrive exactly as written: formula-looking cells, quotes, delimiters, backslashes, non-ASCII. */
    static String goodText(int n) {
        return switch (n % 10) {
            case 0 -> "=SUM(A1:A9) " + n;
            case 1 -> "+49 " + n;
            case 2 -> "-" + n + " minus";
            case 3 -> "@user " + n;
            case 4 -> "O'Brien, \"Jr\"; " + n;
            case 5 -> "C:\\Share\\SOP\\" + n;
            case 6 -> "Zoë Ünal 名前 " + n;
            case 7 -> "Path \\\\server\\\"q\" " + n;
            case 8 -> "Tab\tinside " + n;
            default -> "Name " + n;
        };
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Rendering a file: quoting, line endings, blank lines, encodings; the expected report
    // ---------------------------------------------------------------------------------------------------------------

    static String render(List<String> cells, char separator, Quoting quoting) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(separator);
            }
            String cell = cells.get(i);
            boolean quote = quoting == Quoting.ALL || cell.indexOf(separator) >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                    || cell.indexOf('\r') >= 0;
            line.append(quote ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
        }
        return line.toString();
    }

    /** Physical lines a record spans (as BufferedReader.readLine counts them: \n, \r\n and \r end a line). */
    static int lines(String record) {
        int lines = 1;
        for (int i = 0; i < record.length(); i++) {
            char c = record.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= record.length() || record.charAt(i + 1) != '\n'))) {
                lines++;
            }
        }
        return lines;
    }

    static byte[] encode(String text, Charset charset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            byte[] raw = RAW.get(text.charAt(i));
            if (raw == null) {
                run.append(text.charAt(i));
            } else {
                out.writeBytes(run.toString().getBytes(charset));
                run.setLength(0);
                out.writeBytes(raw);
            }
        }
        out.writeBytes(run.toString().getBytes(charset));
        return out.toByteArray();
    }

    /** A generated file: its bytes, and per record its first line and expectation. */
    record Generated(String connector, String name, byte[] bytes, List<String> expectedReport, List<Rec> records) {
        long validCount() {
            return records.stream().filter(Rec::valid).count();
        }
    }

    Generated file(Connector connector, List<Rec> records, Format format, String bom, Charset charset) {
        StringBuilder text = new StringBuilder(render(connector.header(), connector.separator(), format.quoting()));
        int line = 1;
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            text.append(format.newline());
            line++;
            if (format.blankLines() && i % 3 == 1) {
                text.append(format.newline());
                line++;
            }
            String record = render(records.get(i).cells(), connector.separator(), format.quoting());
            text.append(record);
            for (String problem : records.get(i).expected()) {
                expected.add(line + "|" + problem);
            }
            line += lines(record) - 1;
        }
        if (format.finalNewline()) {
            text.append(format.newline());
        }
        String name = String.format("fuzz-%04d.csv", ++files);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(bom.getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes(encode(text.toString(), charset));
        Collections.sort(expected);
        return new Generated(connector.name(), name, bytes.toByteArray(), expected, records);
    }

    Format randomFormat() {
        String[] newlines = { "\n", "\r\n", "\r" };
        return new Format(newlines[random.nextInt(3)], random.nextBoolean() ? Quoting.MINIMAL : Quoting.ALL, random.nextInt(4) == 0,
                random.nextInt(5) != 0);
    }

    Rec badRow(Connector connector, Mutation mutation) {
        int n = ++sequence;
        List<String> base = connector.badBase().apply(n);
        List<String> cells = new ArrayList<>(mutation.apply().apply(base));
        cells.replaceAll(cell -> cell.replace("${self}", base.get(0)));
        return new Rec(cells, mutation.expected(), null);
    }

    Rec validRow(Connector connector) {
        Valid valid = connector.valid().apply(++sequence);
        return new Rec(valid.cells(), List.of(), valid.check());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Importing one file and checking every outcome
    // ---------------------------------------------------------------------------------------------------------------

    /** Imports through the bean; checks place, report, summary, accepted events, the bad world's fingerprint, the valid rows. */
    CsvImport.Summary importAndCheck(Generated file, boolean rowLevel) throws IOException {
        Connector connector = connectors.get(file.connector());
        String before = bad.snapshot();
        int accepted = acceptedEvents(connector);
        Path dir = Files.createDirectories(WORK.resolve(file.connector()));
        Path path = dir.resolve(file.name());
        Files.write(path, file.bytes());

        CsvImport.Summary summary = csvImport.importFile(path.toFile());

        String what = file.connector() + "/" + file.name();
        assertThat(path).as(what + " left in the drop folder").doesNotExist();
        if (file.expectedReport().isEmpty()) {
            assertThat(dir.resolve("done").resolve(file.name())).as(what).exists();
            assertThat(dir.resolve("failed").resolve(file.name() + ".errors.csv")).as(what).doesNotExist();
        } else {
            assertThat(dir.resolve("failed").resolve(file.name())).as(what).exists();
            assertThat(dir.resolve("done").resolve(file.name())).as(what).doesNotExist();
            assertThat(report(dir.resolve("failed").resolve(file.name() + ".errors.csv"))).as(what).isEqualTo(file.expectedReport());
        }
        long valid = file.validCount();
        if (rowLevel) {
            assertThat(summary.rows()).as(what).isEqualTo(file.records().size());
            assertThat(summary.applied()).as(what).isEqualTo(valid);
            assertThat(summary.rejected()).as(what).isEqualTo(file.records().size() - valid);
        }
        assertThat(acceptedEvents(connector) - accepted).as(what + ": accepted events").isEqualTo(valid);
        assertThat(bad.snapshot()).as(what + ": a bad row changed something").isEqualTo(before);
        for (Rec rec : file.records()) {
            if (rec.valid()) {
                rec.check().run();
                validRows++;
            } else {
                inputs++;
            }
        }
        return summary;
    }

    /** Drops the files through the route (staged, then moved in) and checks what {@link #importAndCheck} checks, but the summary. */
    void throughRoute(List<Generated> batch) throws IOException {
        String before = bad.snapshot();
        Map<String, Integer> accepted = new LinkedHashMap<>();
        Map<String, Long> expectedAccepted = new LinkedHashMap<>();
        for (Connector c : connectors.values()) {
            accepted.put(c.name(), acceptedEvents(c));
            expectedAccepted.put(c.name(), 0L);
        }
        for (Generated file : batch) {
            Path dir = Files.createDirectories(DROP.resolve(file.connector()));
            Path staging = Files.createTempFile(WORK, "staging", ".tmp");
            Files.write(staging, file.bytes());
            Files.move(staging, dir.resolve(file.name()));
            expectedAccepted.merge(file.connector(), file.validCount(), Long::sum);
        }
        for (Generated file : batch) {
            Path dir = DROP.resolve(file.connector());
            Path path = dir.resolve(file.name());
            String what = "route " + file.connector() + "/" + file.name();
            Path archived = dir.resolve(file.expectedReport().isEmpty() ? "done" : "failed").resolve(file.name());
            Eventually.await(() -> Files.exists(archived) && !Files.exists(path), timeout());
            if (file.expectedReport().isEmpty()) {
                assertThat(dir.resolve("failed").resolve(file.name() + ".errors.csv")).as(what).doesNotExist();
            } else {
                assertThat(report(dir.resolve("failed").resolve(file.name() + ".errors.csv"))).as(what).isEqualTo(file.expectedReport());
            }
            for (Rec rec : file.records()) {
                if (rec.valid()) {
                    rec.check().run();
                    validRows++;
                } else {
                    inputs++;
                }
            }
            if (file.records().isEmpty()) {
                inputs++;
            }
        }
        for (Connector c : connectors.values()) {
            assertThat((long) acceptedEvents(c) - accepted.get(c.name())).as("route " + c.name() + ": accepted events")
                    .isEqualTo(expectedAccepted.get(c.name()));
        }
        assertThat(bad.snapshot()).as("route: a bad row changed something").isEqualTo(before);
    }

    Generated raw(Connector connector, byte[] bytes, List<String> expected) {
        return new Generated(connector.name(), String.format("fuzz-%04d.csv", ++files), bytes, expected, List.of());
    }

    static byte[] bom(Charset charset) {
        if (charset.equals(StandardCharsets.UTF_16LE)) {
            return new byte[] { (byte) 0xFF, (byte) 0xFE };
        }
        if (charset.equals(StandardCharsets.UTF_16BE)) {
            return new byte[] { (byte) 0xFE, (byte) 0xFF };
        }
        return new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    boolean hasRawBytes(Mutation mutation, Connector connector) {
        return mutation.apply().apply(connector.badBase().apply(0)).stream().anyMatch(cell -> cell.chars().anyMatch(ch -> RAW.containsKey((char) ch)));
    }

    /** A valid row without quotes in any cell (so that it cannot close a quote a broken row opened). */
    Rec quoteFree(Connector connector) {
        while (true) {
            Rec rec = validRow(connector);
            if (rec.cells().stream().noneMatch(cell -> cell.indexOf('"') >= 0 || cell.indexOf(connector.separator()) >= 0)) {
                return rec;
            }
        }
    }

    /** The data field a column feeds in the shipped mapping (as the report names it). */
    static String fieldOf(Connector connector, String column) {
        return switch (column) {
            case "EMP_NO" -> "employeeId";
            case "FULL_NAME" -> "name";
            case "EMAIL" -> "email";
            case "SUPERVISOR" -> "supervisorId";
            case "STATUS" -> "status";
            case "JOB_CODES" -> "jobFunctions[].code";
            case "JOB_FROM" -> "jobFunctions[].from";
            case "JOB_TO" -> "jobFunctions[].to";
            case "EXPORT_ID" -> "id";
            case "DocNumber" -> "documentNumber";
            case "Title" -> "title";
            case "Category" -> "category";
            case "Revision" -> "version";
            case "ChangeType" -> "changeType";
            case "EffectiveDate" -> "effectiveDate";
            case "CCR" -> "changeControlId";
            case "ApprovedAt" -> "approvedAt";
            case "DOC_NO" -> "documentNumber";
            case "JOB_CODE" -> "jobFunctionCode";
            case "METHOD" -> "trainingMethod";
            case "RETRAIN_MONTHS" -> "retrainEveryMonths";
            case "ACTION" -> "type";
            case "USER_ID" -> "employeeId";
            case "COURSE_DOC" -> "documentNumber";
            case "COURSE_REV" -> "version";
            case "DATE_COMPLETED" -> "completedAt";
            case "TYPE" -> "method";
            case "SCORE" -> "score";
            case "TRAINER" -> "verifiedBy";
            default -> throw new IllegalArgumentException(column);
        };
    }

    int acceptedEvents(Connector connector) {
        return bad.count("select count(*) from processed_event where event_source = ?", connector.source());
    }

    /** The report's rows as "line|column|field", sorted; every message must be a plain sentence and every cell neutralised. */
    static List<String> report(Path errors) throws IOException {
        List<String> rows = new ArrayList<>();
        try (CSVReader csv = new CSVReader(new StringReader(Files.readString(errors, StandardCharsets.UTF_8)))) {
            List<String[]> all = csv.readAll();
            assertThat(all.get(0)).containsExactly("line", "column", "field", "message");
            for (String[] row : all.subList(1, all.size())) {
                assertThat(row).hasSize(4);
                String message = row[3];
                assertThat(message).as(String.join("|", row)).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ")
                        .doesNotContain("SQL").doesNotContain("could not be imported");
                assertThat(message.length()).as("message length").isLessThan(600);
                for (String cell : row) {
                    assertThat(cell.isEmpty() || "=+-@\t\r".indexOf(cell.charAt(0)) < 0).as("neutralised: " + cell).isTrue();
                }
                rows.add(row[0] + "|" + row[1] + "|" + row[2]);
            }
        } catch (com.opencsv.exceptions.CsvException e) {
            throw new AssertionError(e);
        }
        Collections.sort(rows);
        return rows;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The fuzz
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void malformedRowsAreReportedByLineAndFieldWhileValidRowsGoIn() throws IOException {
        long started = System.nanoTime();
        for (Connector connector : connectors.values()) {
            for (int repeat = 0; repeat < REPEATS; repeat++) {
                List<Mutation> mutations = new ArrayList<>(connector.mutations());
                Collections.shuffle(mutations, random);
                for (int from = 0; from < mutations.size(); from += 10) {
                    List<Rec> records = new ArrayList<>();
                    for (Mutation mutation : mutations.subList(from, Math.min(from + 10, mutations.size()))) {
                        records.add(badRow(connector, mutation));
                    }
                    int valid = 1 + random.nextInt(3);
                    for (int v = 0; v < valid; v++) {
                        records.add(random.nextInt(records.size() + 1), validRow(connector));
                    }
                    importAndCheck(file(connector, records, randomFormat(), "", StandardCharsets.UTF_8), true);
                }
            }
        }
        System.out.printf("CSV fuzz, rows: %d malformed rows, %d valid rows, %d files, %d ms%n", inputs, validRows, files,
                (System.nanoTime() - started) / 1_000_000);
        assertThat(inputs).isGreaterThan(1_900);
    }

    /** Files whose defect is the file: empty, header only, byte-order marks, header columns, unbalanced quotes, multi-line cells. */
    @Test
    @Order(2)
    void malformedFilesAreMovedAsideWithTheirDefectsReported() throws IOException {
        long started = System.nanoTime();
        int before = inputs;
        for (Connector c : connectors.values()) {
            String header = render(c.header(), c.separator(), Quoting.MINIMAL);
            // empty, blank or BOM-only: no header line → failed/, one report line, nothing applied
            for (String empty : List.of("", "\n", "\r\n", "\r", "   \n", "\uFEFF", "\n" + header + "\n")) {
                CsvImport.Summary summary = importAndCheck(raw(c, empty.getBytes(StandardCharsets.UTF_8), List.of("1||")), false);
                assertThat(summary.rows()).isZero();
                inputs++;
            }
            // header only, in every line ending, quoted, with byte-order marks: done/, no rows
            for (String headerOnly : List.of(header, header + "\n", header + "\r\n", header + "\r", header + "\n\n\r\n   \n",
                    render(c.header(), c.separator(), Quoting.ALL) + "\n")) {
                CsvImport.Summary summary = importAndCheck(raw(c, headerOnly.getBytes(StandardCharsets.UTF_8), List.of()), false);
                assertThat(summary.rows()).isZero();
                inputs++;
            }
            for (Charset charset : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
                CsvImport.Summary summary = importAndCheck(raw(c, concat(bom(charset), (header + "\r\n").getBytes(charset)), List.of()), false);
                assertThat(summary.rows()).isZero();
                inputs++;
            }
            // byte-order marks with valid and bad rows: read as their encoding, rows as without a mark
            for (Charset charset : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
                for (int repeat = 0; repeat < 3; repeat++) {
                    List<Rec> records = new ArrayList<>();
                    for (Mutation m : c.mutations()) {
                        if (records.size() < 8 && random.nextInt(3) == 0 && (charset == StandardCharsets.UTF_8 || !hasRawBytes(m, c))) {
                            records.add(badRow(c, m));
                        }
                    }
                    records.add(random.nextInt(records.size() + 1), validRow(c));
                    records.add(random.nextInt(records.size() + 1), validRow(c));
                    importAndCheck(file(c, records, randomFormat(), new String(bom(charset), StandardCharsets.ISO_8859_1), charset), true);
                    inputs++;
                }
            }
            // a mapped column named twice in the header: every row refused naming it; an unmapped one twice: harmless
            {
                List<String> twice = append(c.header(), c.header().get(0));
                List<Rec> records = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    Rec row = badRow(c, cells("unchanged", r -> r));
                    records.add(new Rec(append(row.cells(), row.cells().get(0)), List.of(c.header().get(0) + "|" + fieldOf(c, c.header().get(0))),
                            null));
                }
                Connector dup = new Connector(c.name(), c.separator(), c.source(), twice, c.badBase(), c.valid(), c.mutations());
                importAndCheck(file(dup, records, randomFormat(), "", StandardCharsets.UTF_8), true);
                inputs++;
                List<String> notes = append(append(c.header(), "NOTE"), "NOTE");
                List<Rec> valid = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    Rec row = validRow(c);
                    valid.add(new Rec(append(append(row.cells(), "a"), "b"), List.of(), row.check()));
                }
                importAndCheck(file(new Connector(c.name(), c.separator(), c.source(), notes, c.badBase(), c.valid(), c.mutations()), valid,
                        randomFormat(), "", StandardCharsets.UTF_8), true);
            }
            // a mapped column missing from the header (and the rows): every row refused naming it
            for (int drop = 0; drop < c.header().size(); drop++) {
                int column = drop;
                List<String> without = new ArrayList<>(c.header());
                String missing = without.remove(column);
                List<Rec> records = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    List<String> cells = new ArrayList<>(validRow(c).cells());
                    cells.remove(column);
                    records.add(new Rec(cells, List.of(missing + "|" + fieldOf(c, missing)), null));
                }
                importAndCheck(file(new Connector(c.name(), c.separator(), c.source(), without, c.badBase(), c.valid(), c.mutations()), records,
                        randomFormat(), "", StandardCharsets.UTF_8), true);
                inputs++;
            }
            // an unbalanced quote: rows before it applied, reported at its line, nothing after it applied
            for (int position = 0; position < 3; position++) {
                for (String opened : List.of("\"open", "O\"Brien", "\"\"\"")) {
                    Format format = randomFormat();
                    StringBuilder text = new StringBuilder(header);
                    List<Rec> applied = new ArrayList<>();
                    int line = 1;
                    for (int i = 0; i < position; i++) {
                        Rec valid = quoteFree(c);
                        applied.add(valid);
                        text.append(format.newline()).append(render(valid.cells(), c.separator(), Quoting.MINIMAL));
                        line++;
                    }
                    List<String> broken = new ArrayList<>(c.badBase().apply(++sequence));
                    broken.set(1, opened);
                    text.append(format.newline()).append(String.join(String.valueOf(c.separator()), broken));
                    int at = ++line;
                    for (int i = 0; i < 2; i++) {
                        text.append(format.newline()).append(render(quoteFree(c).cells(), c.separator(), Quoting.MINIMAL));
                    }
                    text.append(format.newline());
                    Generated g = new Generated(c.name(), String.format("fuzz-%04d.csv", ++files), text.toString().getBytes(StandardCharsets.UTF_8),
                            List.of(at + "||"), applied);
                    CsvImport.Summary summary = importAndCheck(g, false);
                    assertThat(summary.applied()).isEqualTo(position);
                    inputs++;
                }
            }
        }
        // multi-line quoted cells before bad rows: the bad rows are reported at their own first line
        Connector hr = connectors.get("hr-roster");
        for (String newline : List.of("\n", "\r\n", "\r")) {
            List<Rec> records = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String id = good.id("ML" + (++sequence));
                String name = "Line one " + sequence + "\nLine two\nLine three";
                records.add(new Rec(List.of(id, name, "", "", "A", gJf, "01.01.2024", ""), List.of(), () -> assertThat(jdbc.queryForObject(
                        "select name from employee where employee_id = ?", String.class, id)).isEqualTo(name)));
                records.add(badRow(hr, hr.mutations().get(random.nextInt(hr.mutations().size()))));
            }
            importAndCheck(file(hr, records, new Format(newline, Quoting.MINIMAL, false, true), "", StandardCharsets.UTF_8), true);
            inputs++;
        }
        System.out.printf("CSV fuzz, files: %d inputs, %d ms%n", inputs - before, (System.nanoTime() - started) / 1_000_000);
    }

    /** A sample through the real drop-folder route, dropped all at once: the same outcomes as through the bean. */
    @Test
    @Order(3)
    void theDropFolderRouteGivesTheSameOutcomes() throws IOException {
        int before = inputs;
        List<Generated> batch = new ArrayList<>();
        for (Connector c : connectors.values()) {
            List<Rec> records = new ArrayList<>();
            for (Mutation m : c.mutations().subList(0, 12)) {
                records.add(badRow(c, m));
            }
            records.add(3, validRow(c));
            records.add(validRow(c));
            batch.add(file(c, records, new Format("\r", Quoting.MINIMAL, true, false), "\u00EF\u00BB\u00BF", StandardCharsets.UTF_8));
            batch.add(file(c, List.of(validRow(c), validRow(c)), new Format("\r\n", Quoting.ALL, false, true), "", StandardCharsets.UTF_8));
            String header = render(c.header(), c.separator(), Quoting.MINIMAL);
            batch.add(raw(c, new byte[0], List.of("1||")));
            batch.add(raw(c, (header + "\n").getBytes(StandardCharsets.UTF_8), List.of()));
        }
        throughRoute(batch);
        assertThat(inputs - before).isGreaterThanOrEqualTo(52);
        assertThat(inputs).as("malformed rows and files in all").isGreaterThanOrEqualTo(MIN_INPUTS);
        System.out.printf("CSV fuzz, in all: %d malformed rows and files, %d valid rows, %d files%n", inputs, validRows, files);
    }

    /** Afterwards: nothing left in any drop folder, no stack trace or error in the log, the hub healthy and importing. */
    @Test
    @Order(99)
    void theHubIsHealthyAfterwardsAndNothingEscapedIntoTheLog() throws IOException {
        for (Path root : List.of(WORK, DROP)) {
            for (Connector c : connectors.values()) {
                Path dir = root.resolve(c.name());
                if (Files.isDirectory(dir)) {
                    try (var left = Files.list(dir)) {
                        assertThat(left.filter(Files::isRegularFile).toList()).as(dir.toString()).isEmpty();
                    }
                }
            }
        }
        List<String> problems = logs.list.stream().filter(e -> e.getThrowableProxy() != null || e.getLevel().isGreaterOrEqual(
                ch.qos.logback.classic.Level.ERROR)).map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()).toList();
        assertThat(problems).isEmpty();
        assertThat(logs.list).as("the log was captured").isNotEmpty();
        assertThat(bad.getEntity("/actuator/health").getStatusCode().value()).isEqualTo(200);
        Connector hr = connectors.get("hr-roster");
        throughRoute(List.of(file(hr, List.of(validRow(hr)), new Format("\n", Quoting.MINIMAL, false, true), "", StandardCharsets.UTF_8)));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // What the fuzz found: one named regression per finding (each failed before its fix)
    // ---------------------------------------------------------------------------------------------------------------

    static final String HR = "EMP_NO;FULL_NAME;EMAIL;SUPERVISOR;STATUS;JOB_CODES;JOB_FROM;JOB_TO";
    static final String LMS = "USER_ID,COURSE_DOC,COURSE_REV,DATE_COMPLETED,TYPE,SCORE,TRAINER";

    String hrRow(String id, String name, String from) {
        return id + ";" + name + ";;;A;" + gJf + ";" + from + ";";
    }

    /** Imports through the bean; the report's rows in full (line, column, field, message), empty when the file went to done/. */
    List<List<String>> importRaw(String connector, byte[] bytes) throws IOException {
        Path dir = Files.createDirectories(WORK.resolve(connector));
        String name = String.format("finding-%04d.csv", ++files);
        Path path = dir.resolve(name);
        Files.write(path, bytes);
        csvImport.importFile(path.toFile());
        assertThat(path).doesNotExist();
        Path errors = dir.resolve("failed").resolve(name + ".errors.csv");
        if (!Files.exists(errors)) {
            assertThat(dir.resolve("done").resolve(name)).exists();
            return List.of();
        }
        assertThat(dir.resolve("failed").resolve(name)).exists();
        try (CSVReader csv = new CSVReader(new StringReader(Files.readString(errors)))) {
            List<String[]> all = csv.readAll();
            return all.subList(1, all.size()).stream().map(List::of).toList();
        } catch (com.opencsv.exceptions.CsvException e) {
            throw new AssertionError(e);
        }
    }

    int employees(String... ids) {
        return good.count("select count(*) from employee where employee_id in (" + String.join(",", Collections.nCopies(ids.length, "?"))
                + ")", (Object[]) ids);
    }

    /** Was: MalformedInputException ended the import at that row: reported as line 0, the valid rows after it never applied. */
    @Test
    @Order(10)
    void invalidUtf8RefusesOnlyItsRowAndTheRowsAfterItGoIn() throws IOException {
        String a = good.id("U8A");
        String b = good.id("U8B");
        byte[] bytes = encode(HR + "\n" + hrRow(a, "Ana", "01.01.2024") + "\n" + hrRow(good.id("U8X"), "Bad \uE001 name", "01.01.2024") + "\n"
                + hrRow(b, "Ben", "01.01.2024") + "\n", StandardCharsets.UTF_8);
        assertThat(importRaw("hr-roster", bytes)).containsExactly(List.of("3", "FULL_NAME", "name",
                "contains bytes that are not valid UTF-8 (or the replacement character U+FFFD)"));
        assertThat(employees(a, b, good.id("U8X"))).isEqualTo(2);
    }

    /** Was: a NUL at the end of a cell was trimmed away and the row applied; inside a cell it was stored on H2 (and fails on PostgreSQL). */
    @Test
    @Order(11)
    void nulBytesRefuseTheirRowInsteadOfBeingTrimmedOrStored() throws IOException {
        int completions = good.count("select count(*) from training_completion where employee_id = ?", gE1);
        String lms = LMS + "\n" + gE1 + "\u0000," + gSop + ",1.0,01/20/2026 09:30,EXAM,90,\n";
        assertThat(importRaw("legacy-lms", lms.getBytes(StandardCharsets.UTF_8))).containsExactly(List.of("2", "USER_ID", "employeeId",
                "contains a NUL byte"));
        String id = good.id("NUL");
        assertThat(importRaw("hr-roster", (HR + "\n" + hrRow(id, "Ana\u0000Costa", "01.01.2024") + "\n").getBytes(StandardCharsets.UTF_8)))
                .containsExactly(List.of("2", "FULL_NAME", "name", "contains a NUL byte"));
        assertThat(good.count("select count(*) from training_completion where employee_id = ?", gE1)).isEqualTo(completions);
        assertThat(employees(id)).isZero();
    }

    /** Was: opencsv's default escape character dropped backslashes (C:\\Share\\SOP → C:ShareSOP). */
    @Test
    @Order(12)
    void backslashesArriveAsWritten() throws IOException {
        String id = good.id("BS");
        String name = "C:\\Share\\SOP \\\\srv\\x\\";
        assertThat(importRaw("hr-roster", (HR + "\n" + hrRow(id, name, "01.01.2024") + "\n").getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(jdbc.queryForObject("select name from employee where employee_id = ?", String.class, id)).isEqualTo(name);
    }

    /** Was: the smart resolver moved 31.02.2024 to 29.02.2024 and 02/30/2026 to 02/28/2026, and the row was applied. */
    @Test
    @Order(13)
    void impossibleCalendarDatesAreRefusedNotMovedToTheMonthEnd() throws IOException {
        String id = good.id("FEB");
        assertThat(importRaw("hr-roster", (HR + "\n" + hrRow(id, "Ana", "31.02.2024") + "\n").getBytes(StandardCharsets.UTF_8)))
                .containsExactly(List.of("2", "JOB_FROM", "jobFunctions[].from", "'31.02.2024' is not a date in the format dd.MM.yyyy"));
        assertThat(employees(id)).isZero();
        int completions = good.count("select count(*) from training_completion where employee_id = ?", gE1);
        assertThat(importRaw("legacy-lms", (LMS + "\n" + gE1 + "," + gSop + ",1.0,02/30/2026 09:30,EXAM,90,\n").getBytes(StandardCharsets.UTF_8)))
                .containsExactly(List.of("2", "DATE_COMPLETED", "completedAt", "'02/30/2026 09:30' is not a date-time in the format MM/dd/yyyy HH:mm"));
        assertThat(good.count("select count(*) from training_completion where employee_id = ?", gE1)).isEqualTo(completions);
    }

    /** Was: the mark became part of the first column's name, so every row was refused ("EMP_NO: no such column in the file"). */
    @Test
    @Order(14)
    void byteOrderMarksAreReadNotPartOfTheFirstColumnName() throws IOException {
        for (Charset charset : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            String id = good.id("BOM-" + charset.name());
            String name = "Zoë 名前 " + charset.name();
            assertThat(importRaw("hr-roster", concat(bom(charset), (HR + "\r\n" + hrRow(id, name, "01.01.2024") + "\r\n").getBytes(charset))))
                    .as(charset.name()).isEmpty();
            assertThat(jdbc.queryForObject("select name from employee where employee_id = ?", String.class, id)).isEqualTo(name);
        }
    }

    /** Was: "the file could not be imported: Unterminated quoted field ..." at line 0. */
    @Test
    @Order(15)
    void anUnbalancedQuoteIsReportedAtItsLineAndTheRowsBeforeItGoIn() throws IOException {
        String a = good.id("QA");
        String text = HR + "\n" + hrRow(a, "Ana", "01.01.2024") + "\n" + hrRow(good.id("QB"), "\"Ben", "01.01.2024") + "\n"
                + hrRow(good.id("QC"), "Cem", "01.01.2024") + "\n";
        assertThat(importRaw("hr-roster", text.getBytes(StandardCharsets.UTF_8))).containsExactly(List.of("3", "", "",
                "a quoted cell is never closed (unbalanced \"); lines 3-4 were not imported"));
        assertThat(employees(a, good.id("QB"), good.id("QC"))).isEqualTo(1);
    }

    /** Was: the route's read lock waited for at least one byte, so an empty file stayed in the drop folder for ever. */
    @Test
    @Order(16)
    void anEmptyFileIsMovedToFailedWithAReport() throws IOException {
        Path dir = Files.createDirectories(DROP.resolve("legacy-lms"));
        Path staging = Files.createTempFile(WORK, "staging", ".tmp");
        Path file = dir.resolve(good.id("empty") + ".csv");
        Files.move(staging, file);
        Eventually.await(() -> Files.exists(dir.resolve("failed").resolve(file.getFileName())) && !Files.exists(file), timeout());
        assertThat(Files.readAllLines(dir.resolve("failed").resolve(file.getFileName() + ".errors.csv"))).containsExactly(
                "\"line\",\"column\",\"field\",\"message\"",
                "\"1\",\"\",\"\",\"the file has no header line (it is empty or starts with a blank line)\"");
    }

    /** Was: the last of the two columns silently won. */
    @Test
    @Order(17)
    void aMappedColumnNamedTwiceInTheHeaderRefusesTheRows() throws IOException {
        String id = good.id("DUP");
        String text = HR + ";EMP_NO\n" + hrRow(id, "Ana", "01.01.2024") + ";" + good.id("DUP2") + "\n";
        assertThat(importRaw("hr-roster", text.getBytes(StandardCharsets.UTF_8))).containsExactly(List.of("2", "EMP_NO", "employeeId",
                "appears more than once in the header (columns 1, 9); which one is meant is unclear"));
        assertThat(employees(id, good.id("DUP2"))).isZero();
    }

    /** Was: the event's JSON broke Jackson's number limit and the row was refused naming "body", not the column. */
    @Test
    @Order(18)
    void anOverlongNumberNamesItsColumn() throws IOException {
        String text = "DOC_NO,JOB_CODE,METHOD,RETRAIN_MONTHS,ACTION\n" + gSop + "," + gJfs.get(0) + ",TEST," + "9".repeat(2000) + ",ADD\n";
        assertThat(importRaw("training-matrix", text.getBytes(StandardCharsets.UTF_8))).containsExactly(List.of("2", "RETRAIN_MONTHS",
                "retrainEveryMonths", "'" + "9".repeat(57) + "...' is not a number (more than 100 characters)"));
    }

    /** Was: an empty or over-long id column was reported with an empty column ("", "", message) or as "id" without its column. */
    @Test
    @Order(19)
    void theIdColumnIsNamedInTheReport() throws IOException {
        String text = "EXPORT_ID,DocNumber,Title,Category,Revision,ChangeType,EffectiveDate,CCR,ApprovedAt\n"
                + "," + good.id("IDDOC") + ",T,STANDARD,1.0,Major,2026-03-01,,\n";
        assertThat(importRaw("eqms-versions", text.getBytes(StandardCharsets.UTF_8))).containsExactly(List.of("2", "EXPORT_ID", "id",
                "must not be empty"));
    }

    /** Was: a record spanning lines was reported at its last line. */
    @Test
    @Order(20)
    void aMultiLineRecordIsReportedAtItsFirstLine() throws IOException {
        String text = HR + "\n" + good.id("ML-A") + ";\"Two\nlines\";;;X;" + gJf + ";01.01.2024;\n";
        assertThat(importRaw("hr-roster", text.getBytes(StandardCharsets.UTF_8))).containsExactly(List.of("2", "STATUS", "status",
                "must be one of ACTIVE, TERMINATED; got 'X' (record on lines 2-3)"));
    }

    private static Path temp(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Duration timeout() {
        return Duration.ofSeconds(60);
    }
}
