package com.closeloop.pages;

import static com.closeloop.support.Hub.holds;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.closeloop.support.Browserless;
import com.closeloop.support.Hub;
import com.closeloop.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The pages over HTTP without a browser: sign-in, who may open what, CSRF, throttling, and the numbers they show. */
@IntegrationTest
class PagesIntegrationTests {

    static final String PASSWORD = "a-good-long-password";

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    Hub hub;

    @BeforeEach
    void setUp() {
        hub = new Hub(http, jdbc);
    }

    String user(String name, String role, String employeeId) {
        String username = hub.id(name).toLowerCase();
        Map<String, Object> body = new LinkedHashMap<>(Map.of("username", username, "password", PASSWORD, "roles", List.of(role)));
        if (employeeId != null) {
            body.put("employeeId", employeeId);
        }
        assertThat(hub.admin().postForEntity("/api/admin/users", body, JsonNode.class).getStatusCode().value()).isEqualTo(201);
        return username;
    }

    @Test
    void signingInLeadsToTheDashboardAndPagesNeedASession() {
        Browserless anonymous = new Browserless(port);
        HttpResponse<String> redirected = anonymous.get("/reports/compliance");
        assertThat(redirected.statusCode()).isEqualTo(302);
        assertThat(redirected.headers().firstValue("Location").orElse("")).endsWith("/login");

        Browserless auditor = new Browserless(port);
        HttpResponse<String> wrong = auditor.signIn(user("aud", "AUDITOR", null), "not-the-password");
        assertThat(wrong.headers().firstValue("Location").orElse("")).endsWith("/login?error");

        Browserless person = new Browserless(port);
        String name = user("aud2", "AUDITOR", null);
        HttpResponse<String> signedIn = person.signIn(name, PASSWORD);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        HttpResponse<String> dashboard = person.get("/");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("<h1>Dashboard</h1>").contains("Overdue assignments").contains(name);
        assertThat(dashboard.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'");
        // the session also opens the API (reads), as SPEC §4b allows
        assertThat(person.get("/api/audit/verify").body()).contains("\"status\"");
        // ... but a write riding on the cookie alone needs the CSRF token
        Browserless lead = new Browserless(port);
        lead.signIn(user("lead2", "COMPLIANCE_LEAD", null), PASSWORD);
        assertThat(lead.postJsonWithoutToken("/api/rules/reload", "{}").statusCode()).isEqualTo(403);
    }

    @Test
    void anAuditorReadsEverythingAndChangesNothing() {
        Browserless auditor = new Browserless(port);
        auditor.signIn(user("aud", "AUDITOR", null), PASSWORD);
        for (String page : List.of("/", "/reports/compliance", "/reports/traceability", "/audit", "/audit?verify=1", "/rules")) {
            assertThat(auditor.get(page).statusCode()).as(page).isEqualTo(200);
        }
        assertThat(auditor.get("/rules").body()).doesNotContain("reload-form");
        HttpResponse<String> reload = auditor.postForm("/rules", "/rules/reload", Map.of());
        assertThat(reload.statusCode()).isEqualTo(403);
        assertThat(reload.body()).contains("Not allowed");
        HttpResponse<String> preview = auditor.postForm("/rules", "/rules/preview", Map.of("event", "{}"));
        assertThat(preview.statusCode()).isEqualTo(403);
        assertThat(hub.count("select count(*) from security_event where kind = 'ACCESS_DENIED' and path = 'POST /rules/reload'")).isPositive();
    }

    @Test
    void formPostsNeedTheirCsrfToken() {
        Browserless lead = new Browserless(port);
        lead.signIn(user("lead", "COMPLIANCE_LEAD", null), PASSWORD);
        HttpResponse<String> withToken = lead.postForm("/rules", "/rules/preview", Map.of("event", "{\"specversion\":\"1.0\"}"));
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(withToken.body()).contains("REJECTED");
        HttpResponse<String> forged = lead.postForm("/login?no-token", "/rules/preview", Map.of("event", "{}", "_csrf", "forged"));
        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    void theDocumentPageShowsReadinessAndTheEmployeePageExemptions() {
        String qc = hub.jobFunction("QC");
        String sop = hub.id("SOP-RD");
        String trained = hub.id("E1");
        String untrained = hub.id("E2");
        hub.version(sop, "CRITICAL", "1.0", "MAJOR", "2026-01-15", "2026-01-02T09:00:00Z");
        hub.person(trained, "ACTIVE", "2026-01-03T08:00:00Z", holds(qc, "2025-01-01"));
        hub.person(untrained, "ACTIVE", "2026-01-03T08:00:00Z", holds(qc, "2025-01-01"));
        hub.map(sop, qc, null, "2026-01-04T08:00:00Z");
        hub.complete(trained, sop, "1.0", "2026-01-10T10:00:00Z", Map.of());
        hub.apply("document.version.approved", "2026-02-01T09:00:00Z", Map.of("documentNumber", sop, "title", "Line <clearance>",
                "category", "CRITICAL", "version", "2.0", "changeType", "MAJOR", "effectiveDate", "2026-03-01", "implementationDays", 14));
        hub.apply("training.exemption.granted", "2026-02-02T09:00:00Z", Map.of("exemptionId", hub.id("X1"), "employeeId", untrained,
                "documentNumber", sop, "reason", "long-term leave", "approvedBy", "qa.lead", "validUntil", "2030-06-30"));

        Browserless qa = new Browserless(port);
        qa.signIn(user("qa", "QA", null), PASSWORD);
        HttpResponse<String> page = qa.get("/documents/" + sop);
        assertThat(page.statusCode()).isEqualTo(200);
        // both qualified on the effective date: one in the implementation period, one exempt
        assertThat(page.body()).contains("id=\"readiness-verdict\" class=\"ok\"").contains("14 days")
                .contains("Line &lt;clearance&gt;").doesNotContain("Line <clearance>");
        assertThat(qa.get("/documents?q=" + sop).body()).contains("/documents/" + sop);
        HttpResponse<String> employee = qa.get("/employees/" + untrained);
        assertThat(employee.body()).contains(hub.id("X1")).contains("long-term leave").contains("EXEMPT").contains("in force");

        Browserless operator = new Browserless(port);
        operator.signIn(user("op2", "OPERATOR", trained), PASSWORD);
        assertThat(operator.get("/documents/" + sop).statusCode()).isEqualTo(403);
    }

    @Test
    void operatorsSeeTheirOwnTrainingOnly() {
        String qc = hub.jobFunction("QC");
        String sop = hub.id("SOP");
        String me = hub.id("E1");
        String other = hub.id("E2");
        hub.version(sop, "STANDARD", "1.0", "MAJOR", "2026-01-15", "2026-01-02T09:00:00Z");
        hub.person(me, "ACTIVE", "2026-01-03T08:00:00Z", holds(qc, "2025-01-01"));
        hub.person(other, "ACTIVE", "2026-01-03T08:00:00Z", holds(qc, "2025-01-01"));
        hub.map(sop, qc, null, "2026-01-04T08:00:00Z");
        Browserless operator = new Browserless(port);
        operator.signIn(user("op", "OPERATOR", me), PASSWORD);
        HttpResponse<String> home = operator.get("/");
        assertThat(home.headers().firstValue("Location").orElse("")).endsWith("/employees/" + me);
        HttpResponse<String> mine = operator.get("/employees/" + me);
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(mine.body()).contains(sop).contains("NEVER_TRAINED").contains("OVERDUE");
        assertThat(operator.get("/employees/" + other).statusCode()).isEqualTo(403);
        assertThat(operator.get("/reports/compliance").statusCode()).isEqualTo(403);
        assertThat(operator.get("/audit").statusCode()).isEqualTo(403);
    }

    @Test
    void anOperatorSignsTheirCompletionOnTheirPageWithTheirPassword() {
        String qc = hub.jobFunction("QC");
        String sop = hub.id("SOP");
        String me = hub.id("E1");
        hub.version(sop, "STANDARD", "1.0", "MAJOR", "2026-01-15", "2026-01-02T09:00:00Z");
        hub.person(me, "ACTIVE", "2026-01-03T08:00:00Z", holds(qc, "2025-01-01"));
        hub.map(sop, qc, null, "2026-01-04T08:00:00Z");
        hub.complete(me, sop, "1.0", "2026-01-20T10:00:00Z", Map.of());
        String completion = hub.assignments(me).get(0).path("completionId").asText();
        Browserless operator = new Browserless(port);
        operator.signIn(user("op", "OPERATOR", me), PASSWORD);
        String page = "/employees/" + me;
        assertThat(operator.get(page).body()).contains("Sign: read and understood");

        operator.postForm(page, page + "/sign", Map.of("completionId", completion, "meaning", "COMPLETED_TRAINING", "password", "wrong"));
        assertThat(operator.get(page).body()).contains("re-authentication failed");
        assertThat(hub.count("select count(*) from electronic_signature where record_id = ?", completion)).isZero();

        HttpResponse<String> signed = operator.postForm(page, page + "/sign", Map.of("completionId", completion, "meaning",
                "COMPLETED_TRAINING", "password", PASSWORD));
        assertThat(signed.statusCode()).isEqualTo(302);
        assertThat(operator.get(page).body()).contains("Signed: COMPLETED_TRAINING").contains("COMPLETED_TRAINING 2026-");
        assertThat(hub.count("select count(*) from electronic_signature where record_id = ? and method = 'PASSWORD_REAUTHENTICATION'",
                completion)).isEqualTo(1);
    }

    @Test
    void signInIsThrottledPerUserAndAddress() {
        Browserless guesser = new Browserless(port);
        String target = user("victim", "AUDITOR", null);
        int throttled = 0;
        for (int i = 0; i < 12; i++) {
            if (guesser.signIn(target, "guess-" + i).statusCode() == 429) {
                throttled++;
            }
        }
        assertThat(throttled).isEqualTo(2); // attempts 11 and 12 of the minute
        assertThat(hub.count("select count(*) from security_event where kind = 'SIGN_IN_THROTTLED' and principal = ?", target))
                .isEqualTo(2);
        // the real user from elsewhere (another user name from this address) is not affected
        Browserless other = new Browserless(port);
        assertThat(other.signIn(user("bystander", "AUDITOR", null), PASSWORD).headers().firstValue("Location").orElse(""))
                .doesNotContain("error");
    }
}
