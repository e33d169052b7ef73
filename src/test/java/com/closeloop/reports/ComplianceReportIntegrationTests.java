package com.closeloop.reports;

import static com.closeloop.support.Hub.holds;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.closeloop.support.Hub;
import com.closeloop.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.opencsv.CSVReader;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The training-compliance report for a plant with training completed on time, late (and before the effective date),
 * open, overdue and cancelled: every row and the summary exactly, in JSON and in CSV.
 */
@IntegrationTest
class ComplianceReportIntegrationTests {

    static final String FORMULA_TITLE = "=HYPERLINK(\"http://evil.example\",\"click\")";
    static final String AS_OF = "2026-04-10T12:00:00Z";

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    Hub hub;
    String qc;
    String sop;
    String e1, e2, e3, e4, e5, e6;

    @BeforeEach
    void plant() {
        hub = new Hub(http, jdbc);
        qc = hub.jobFunction("QC");
        sop = hub.id("SOP");
        e1 = hub.id("E1");
        e2 = hub.id("E2");
        e3 = hub.id("E3");
        e4 = hub.id("E4");
        e5 = hub.id("E5");
        e6 = hub.id("E6");
        approve("1.0", "2026-01-01", "2025-12-01T09:00:00Z");
        for (String e : List.of(e1, e2, e3, e5, e6)) {
            hub.person(e, "ACTIVE", "2025-12-02T08:00:00Z", holds(qc, "2025-01-01"));
        }
        hub.person(e4, "ACTIVE", "2025-12-02T08:00:00Z");
        hub.map(sop, qc, null, "2026-01-05T08:00:00Z"); // v1.0 to every holder, due 2026-02-04 (outside the range below)
        approve("2.0", "2026-03-01", "2026-02-01T09:00:00Z"); // MAJOR STANDARD: due 2026-03-31
        hub.complete(e6, sop, "2.0", "2026-02-20T10:00:00Z", Map.of()); // before the effective date
        hub.complete(e1, sop, "2.0", "2026-03-10T10:00:00Z", Map.of("signature", Map.of("signer", "eve.one", "printedName", "Eve One",
                "meaning", "COMPLETED_TRAINING", "signedAt", "2026-03-10T10:01:00Z", "externalRef", "LMS-SIG-1")));
        hub.person(e5, "TERMINATED", "2026-03-15T08:00:00Z", holds(qc, "2025-01-01"));
        hub.person(e4, "ACTIVE", "2026-03-25T08:00:00Z", holds(qc, "2026-03-25")); // new job function: due 2026-04-24
        hub.complete(e2, sop, "2.0", "2026-04-05T10:00:00Z", Map.of()); // 5 days late
        hub.complete(e3, sop, "2.0", "2026-04-20T10:00:00Z", Map.of()); // after the as-of time: overdue then
    }

    private void approve(String version, String effective, String time) {
        hub.apply("document.version.approved", time, Map.of("documentNumber", sop, "title", FORMULA_TITLE, "category", "STANDARD",
                "version", version, "changeType", "MAJOR", "effectiveDate", effective));
    }

    private String path(String format) {
        return "/api/reports/training-compliance?from=2026-03-01&to=2026-04-30&jobFunction=" + qc + "&asOf=" + AS_OF
                + (format == null ? "" : "&format=" + format);
    }

    @Test
    void jsonRowsAndSummaryAreExactlyRight() {
        JsonNode report = hub.get(path(null));
        JsonNode rows = report.path("rows");
        List<String> lines = new ArrayList<>();
        rows.forEach(r -> lines.add(String.join("|", r.path("employeeId").asText(), r.path("version").asText(),
                r.path("jobFunction").asText(), r.path("reason").asText(), r.path("dueDate").asText(), r.path("completedAt").asText(),
                r.path("completedBeforeEffective").asText(), r.path("daysLate").asText(), r.path("status").asText())));
        assertThat(lines).containsExactly(
                e1 + "|2.0|" + qc + "|REVISION|2026-03-31|2026-03-10T10:00:00Z|false|-21|COMPLETED_ON_TIME",
                e2 + "|2.0|" + qc + "|REVISION|2026-03-31|2026-04-05T10:00:00Z|false|5|COMPLETED_LATE",
                e3 + "|2.0|" + qc + "|REVISION|2026-03-31|null|null|null|OVERDUE",
                e4 + "|2.0|" + qc + "|NEW_JOB_FUNCTION|2026-04-24|null|null|null|OPEN",
                e5 + "|2.0|" + qc + "|REVISION|2026-03-31|null|null|null|CANCELLED",
                e6 + "|2.0|" + qc + "|REVISION|2026-03-31|2026-02-20T10:00:00Z|true|-39|COMPLETED_ON_TIME");
        JsonNode first = rows.get(0);
        assertThat(first.path("documentNumber").asText()).isEqualTo(sop);
        assertThat(first.path("effectiveDate").asText()).isEqualTo("2026-03-01");
        assertThat(first.path("assignedAt").asText()).isEqualTo("2026-02-01T09:00:00Z");
        assertThat(first.path("originalDueDate").asText()).isEqualTo("2026-03-31");
        assertThat(first.path("extended").asBoolean()).isFalse();
        assertThat(first.path("title").asText()).isEqualTo(FORMULA_TITLE);
        assertThat(first.path("signatures").get(0).asText()).isEqualTo("Eve One (eve.one) COMPLETED_TRAINING 2026-03-10T10:01:00Z");
        assertThat(first.path("audit").asText()).isEqualTo("/api/audit?entity=assignment&id=" + first.path("assignmentId").asText());

        JsonNode summary = report.path("summary").path("jobFunctions");
        assertThat(summary).hasSize(1);
        JsonNode totals = summary.get(0).path("totals");
        assertThat(summary.get(0).path("jobFunction").asText()).isEqualTo(qc);
        assertThat(totals.path("rows").asInt()).isEqualTo(6);
        assertThat(totals.path("completedOnTime").asInt()).isEqualTo(2);
        assertThat(totals.path("completedLate").asInt()).isEqualTo(1);
        assertThat(totals.path("open").asInt()).isEqualTo(1);
        assertThat(totals.path("overdue").asInt()).isEqualTo(1);
        assertThat(totals.path("cancelled").asInt()).isEqualTo(1);
        assertThat(totals.path("compliancePercent").decimalValue()).isEqualByComparingTo("40.0");
        assertThat(summary.get(0).path("documents").get(0).path("documentNumber").asText()).isEqualTo(sop);
    }

    @Test
    void theSameRowsComeOutAsCsvWithTheHeaderFirstAndFormulasNeutralised() throws Exception {
        ResponseEntity<String> response = http.withBasicAuth(Hub.ADMIN, Hub.ADMIN_PASSWORD).exchange(path(null), HttpMethod.GET,
                new HttpEntity<>(headers("text/csv")), String.class);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(response.getBody()).startsWith("documentNumber,version,effectiveDate,jobFunction,employeeId,assignedAt,dueDate,"
                + "completedAt,completedBeforeEffective,daysLate,status,reason,originalDueDate,extended,title,assignmentId,signatures\r\n");
        List<String[]> lines;
        try (CSVReader reader = new CSVReader(new StringReader(response.getBody()))) {
            lines = reader.readAll();
        }
        assertThat(lines).hasSize(7);
        Map<String, String[]> byEmployee = new LinkedHashMap<>();
        lines.subList(1, lines.size()).forEach(l -> byEmployee.put(l[4], l));
        assertThat(byEmployee.get(e1)).startsWith(sop, "2.0", "2026-03-01", qc, e1, "2026-02-01T09:00:00Z", "2026-03-31",
                "2026-03-10T10:00:00Z", "no", "-21", "COMPLETED_ON_TIME", "REVISION", "2026-03-31", "no", "'" + FORMULA_TITLE);
        assertThat(byEmployee.get(e1)[16]).isEqualTo("Eve One (eve.one) COMPLETED_TRAINING 2026-03-10T10:01:00Z");
        assertThat(byEmployee.get(e6)[8]).isEqualTo("yes");
        assertThat(byEmployee.get(e3)).startsWith(sop, "2.0", "2026-03-01", qc, e3, "2026-02-01T09:00:00Z", "2026-03-31", "", "", "",
                "OVERDUE");
        assertThat(byEmployee.get(e5)[10]).isEqualTo("CANCELLED");
        assertThat(byEmployee.get(e4)[10]).isEqualTo("OPEN");
        assertThat(byEmployee.get(e2)[9]).isEqualTo("5");
        for (String[] line : lines) {
            for (String cell : line) {
                assertThat(cell).doesNotStartWith("=").doesNotStartWith("@").doesNotStartWith("+");
            }
        }
        String viaFormat = hub.admin().getForObject(path("csv"), String.class);
        assertThat(viaFormat).isEqualTo(response.getBody());
    }

    @Test
    void beforeTheRevisionWasEffectiveTheWholeAsOfPictureDiffers() {
        JsonNode early = hub.get("/api/reports/training-compliance?from=2026-03-01&to=2026-04-30&jobFunction=" + qc
                + "&asOf=2026-03-12T00:00:00Z");
        List<String> statuses = new ArrayList<>();
        early.path("rows").forEach(r -> statuses.add(r.path("employeeId").asText() + ":" + r.path("status").asText()));
        // e4 had no assignment yet; e5 was not yet terminated; only e1 and e6 had completed.
        assertThat(statuses).containsExactly(e1 + ":COMPLETED_ON_TIME", e2 + ":OPEN", e3 + ":OPEN", e5 + ":OPEN",
                e6 + ":COMPLETED_ON_TIME");
    }

    @Test
    void badScopesAreRefusedNamingTheParameter() {
        assertThat(field("/api/reports/training-compliance?to=2026-01-01")).isEqualTo("from");
        assertThat(field("/api/reports/training-compliance?from=2026-02-01&to=2026-01-01")).isEqualTo("to");
        assertThat(field("/api/reports/training-compliance?from=2026-13-01&to=2027-01-01")).isEqualTo("from");
        assertThat(field("/api/reports/training-compliance?from=2026-01-01&to=2026-02-01&jobFunction=" + hub.id("NOPE")))
                .isEqualTo("jobFunction");
        assertThat(field("/api/reports/training-compliance?from=2026-01-01&to=2026-02-01&asOf=tomorrow")).isEqualTo("asOf");
        assertThat(field("/api/reports/traceability")).isEqualTo("deviationId");
        assertThat(hub.getEntity("/api/reports/traceability?capaId=" + hub.id("NONE")).getStatusCode().value()).isEqualTo(404);
    }

    private String field(String path) {
        ResponseEntity<JsonNode> response = hub.getEntity(path);
        assertThat(response.getStatusCode().value()).as(path).isIn(400, 404);
        return response.getBody().path("errors").get(0).path("field").asText();
    }

    private static HttpHeaders headers(String accept) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.ACCEPT, accept);
        return headers;
    }
}
