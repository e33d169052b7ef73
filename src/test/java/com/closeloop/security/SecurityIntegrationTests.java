package com.closeloop.security;

import static com.closeloop.support.Hub.holds;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.closeloop.support.Hub;
import com.closeloop.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Who may do what on /api/**: every endpoint × every role, API keys, lockout, headers. */
@IntegrationTest
class SecurityIntegrationTests {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AppUsers users;

    @Autowired
    PasswordEncoder passwords;

    Hub hub;
    String cleaning;
    String sop;
    String self;
    String teamMember;
    String stranger;
    String capa;

    @BeforeEach
    void plant() {
        hub = new Hub(http, jdbc);
        cleaning = hub.jobFunction("CLEAN");
        sop = hub.id("SOP");
        self = hub.id("OP");
        teamMember = hub.id("TEAM");
        stranger = hub.id("OTHER");
        hub.version(sop, "STANDARD", "1.0", "MAJOR", "2026-01-15", "2026-01-02T09:00:00Z");
        hub.person(self, "ACTIVE", "2026-01-03T08:00:00Z", holds(cleaning, "2025-01-01"));
        hub.apply("personnel.upserted", "2026-01-03T08:00:00Z", Map.of("employeeId", teamMember, "name", "Team member",
                "supervisorId", self, "status", "ACTIVE", "jobFunctions", List.of()));
        hub.person(stranger, "ACTIVE", "2026-01-03T08:00:00Z");
        hub.map(sop, cleaning, null, "2026-01-04T08:00:00Z");
        capa = hub.id("CAPA");
        hub.apply("capa.opened", null, Map.of("capaId", capa));
        for (Role role : Role.values()) {
            if (role != Role.INGEST) {
                users.create(user(role), passwords.encode(password(role)), role.name(), null, self, EnumSet.of(role), "test");
            }
        }
    }

    record Call(String name, Function<TestRestTemplate, ResponseEntity<String>> call, Set<Role> allowed) {
    }

    @Test
    void everyEndpointAllowsExactlyItsRoles() {
        List<Call> calls = List.of(
                new Call("POST /api/events (jobfunction.upserted)", t -> post(t, "/api/events",
                        Hub.event("jobfunction.upserted", null, Map.of("code", hub.id("JF"), "name", "x"))), EnumSet.of(Role.INGEST)),
                new Call("POST /api/events (capa.opened)", t -> post(t, "/api/events",
                        Hub.event("capa.opened", null, Map.of("capaId", hub.id("C-" + System.nanoTime())))), EnumSet.of(Role.INGEST, Role.QA)),
                new Call("POST /api/events (own completion)", t -> post(t, "/api/events", Hub.event("training.completed", null,
                        Map.of("employeeId", self, "documentNumber", sop, "version", "1.0", "completedAt", "2026-02-01T10:00:00Z"))),
                        EnumSet.of(Role.INGEST, Role.OPERATOR, Role.SUPERVISOR)),
                new Call("GET /api/qualification", t -> get(t, "/api/qualification?employeeId=" + self + "&documentNumber=" + sop),
                        EnumSet.of(Role.INGEST, Role.OPERATOR, Role.SUPERVISOR, Role.QA, Role.COMPLIANCE_LEAD, Role.AUDITOR)),
                new Call("GET /api/employees/{own}/assignments", t -> get(t, "/api/employees/" + self + "/assignments"),
                        EnumSet.of(Role.OPERATOR, Role.SUPERVISOR, Role.QA, Role.COMPLIANCE_LEAD, Role.AUDITOR)),
                new Call("GET /api/employees/{team member}/assignments", t -> get(t, "/api/employees/" + teamMember + "/assignments"),
                        EnumSet.of(Role.SUPERVISOR, Role.QA, Role.COMPLIANCE_LEAD, Role.AUDITOR)),
                new Call("GET /api/employees/{someone else}/assignments", t -> get(t, "/api/employees/" + stranger + "/assignments"),
                        EnumSet.of(Role.QA, Role.COMPLIANCE_LEAD, Role.AUDITOR)),
                new Call("GET /api/capas/{id}", t -> get(t, "/api/capas/" + capa), EnumSet.of(Role.QA, Role.COMPLIANCE_LEAD, Role.AUDITOR)),
                new Call("GET /api/deviations/{id}", t -> get(t, "/api/deviations/" + hub.id("NONE")),
                        EnumSet.of(Role.QA, Role.COMPLIANCE_LEAD, Role.AUDITOR)),
                new Call("GET /api/decisions", t -> get(t, "/api/decisions?eventId=" + hub.id("NONE")),
                        EnumSet.of(Role.QA, Role.COMPLIANCE_LEAD, Role.AUDITOR)),
                new Call("GET /api/rules", t -> get(t, "/api/rules"), EnumSet.of(Role.QA, Role.COMPLIANCE_LEAD, Role.AUDITOR)),
                new Call("POST /api/rules/reload", t -> post(t, "/api/rules/reload", null), EnumSet.of(Role.COMPLIANCE_LEAD)),
                new Call("POST /api/preview", t -> post(t, "/api/preview", Hub.event("jobfunction.upserted", null,
                        Map.of("code", hub.id("PV"), "name", "x"))), EnumSet.of(Role.QA, Role.COMPLIANCE_LEAD)),
                new Call("POST /api/xapi/statements", t -> post(t, "/api/xapi/statements", Map.of("actor", Map.of("mbox",
                        "mailto:x@y.example"), "verb", Map.of("id", "http://adlnet.gov/expapi/verbs/attempted"), "object",
                        Map.of("id", "urn:x:y"))), EnumSet.of(Role.INGEST)),
                new Call("GET /api/audit", t -> get(t, "/api/audit?entity=capa&id=" + capa), EnumSet.of(Role.QA, Role.COMPLIANCE_LEAD,
                        Role.AUDITOR)),
                new Call("GET /api/audit/verify", t -> get(t, "/api/audit/verify"), EnumSet.of(Role.QA, Role.COMPLIANCE_LEAD, Role.AUDITOR)),
                new Call("GET /api/reports/training-compliance", t -> get(t, "/api/reports/training-compliance?from=2026-01-01&to=2026-01-31"),
                        EnumSet.of(Role.QA, Role.COMPLIANCE_LEAD, Role.AUDITOR)),
                new Call("GET /api/reports/traceability", t -> get(t, "/api/reports/traceability?capaId=" + capa),
                        EnumSet.of(Role.QA, Role.COMPLIANCE_LEAD, Role.AUDITOR)),
                new Call("GET /api/reports/audit-pack", t -> get(t, "/api/reports/audit-pack?from=2026-01-01&to=2026-01-02"),
                        EnumSet.of(Role.QA, Role.COMPLIANCE_LEAD, Role.AUDITOR)),
                new Call("GET /api/signatures", t -> get(t, "/api/signatures?recordType=completion&recordId=none"),
                        EnumSet.of(Role.QA, Role.COMPLIANCE_LEAD, Role.AUDITOR)),
                new Call("POST /api/signatures", t -> post(t, "/api/signatures", Map.of("meaning", "COMPLETED_TRAINING")),
                        EnumSet.of(Role.OPERATOR, Role.SUPERVISOR, Role.QA)),
                new Call("GET /api/admin/users", t -> get(t, "/api/admin/users"), EnumSet.of(Role.ADMIN)),
                new Call("GET /api/admin/api-keys", t -> get(t, "/api/admin/api-keys"), EnumSet.of(Role.ADMIN)));

        for (Call call : calls) {
            ResponseEntity<String> anonymous = call.call().apply(http);
            assertThat(anonymous.getStatusCode().value()).as("anonymous " + call.name()).isEqualTo(401);
            assertThat(anonymous.getHeaders().getContentType().toString()).startsWith("application/problem+json");
            for (Role role : Role.values()) {
                int status = call.call().apply(as(role)).getStatusCode().value();
                if (call.allowed().contains(role)) {
                    assertThat(status).as(role + " " + call.name()).isNotIn(401, 403);
                } else {
                    assertThat(status).as(role + " " + call.name()).isEqualTo(403);
                }
            }
        }
        assertThat(hub.count("select count(*) from security_event where kind = 'ACCESS_DENIED' and principal = ?", user(Role.AUDITOR)))
                .isPositive();
        assertThat(hub.count("select count(*) from security_event where kind = 'UNAUTHENTICATED'")).isPositive();
    }

    @Test
    void anOperatorMayNotReportSomeoneElsesCompletion() {
        ResponseEntity<String> response = post(as(Role.OPERATOR), "/api/events", Hub.event("training.completed", null,
                Map.of("employeeId", stranger, "documentNumber", sop, "version", "1.0", "completedAt", "2026-02-01T10:00:00Z")));
        assertThat(response.getStatusCode().value()).isEqualTo(403);
        assertThat(response.getBody()).contains("only their own completions");
        assertThat(hub.count("select count(*) from training_completion where employee_id = ?", stranger)).isZero();
    }

    @Test
    void aRevokedApiKeyStopsWorkingAtOnce() {
        TestRestTemplate admin = as(Role.ADMIN);
        ResponseEntity<JsonNode> created = admin.postForEntity("/api/admin/api-keys", Map.of("connector", "mes-line-3", "role", "INGEST"),
                JsonNode.class);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        String key = created.getBody().path("key").asText();
        String keyId = created.getBody().path("keyId").asText();
        assertThat(key).startsWith("clk_" + keyId + "_");
        assertThat(jdbc.queryForObject("select secret_sha256 from api_key where key_id = ?", String.class, keyId)).doesNotContain(key);

        Map<String, Object> event = Hub.event("jobfunction.upserted", null, Map.of("code", hub.id("K"), "name", "k"));
        assertThat(postWithKey(key, event).getStatusCode().value()).isEqualTo(202);

        assertThat(admin.postForEntity("/api/admin/api-keys/" + keyId + "/revoke", null, String.class).getStatusCode().value()).isEqualTo(204);
        assertThat(postWithKey(key, Hub.event("jobfunction.upserted", null, Map.of("code", hub.id("K2"), "name", "k"))).getStatusCode().value())
                .isEqualTo(401);
        assertThat(postWithKey("clk_" + keyId + "_wrong", event).getStatusCode().value()).isEqualTo(401);
        assertThat(hub.count("select count(*) from security_event where kind = 'API_KEY_REVOKED' and detail = ?", keyId)).isEqualTo(1);
    }

    @Test
    void fiveFailedSignInsLockTheAccount() {
        String name = hub.id("locky").toLowerCase();
        users.create(name, passwords.encode("right-password-123"), "Locky", null, null, EnumSet.of(Role.AUDITOR), "test");
        TestRestTemplate right = http.withBasicAuth(name, "right-password-123");
        assertThat(get(right, "/api/rules").getStatusCode().value()).isEqualTo(200);
        for (int i = 0; i < AppUsers.MAX_FAILURES; i++) {
            assertThat(get(http.withBasicAuth(name, "wrong-" + i), "/api/rules").getStatusCode().value()).isEqualTo(401);
        }
        assertThat(get(right, "/api/rules").getStatusCode().value()).isEqualTo(401);
        assertThat(hub.count("select count(*) from security_event where kind = 'ACCOUNT_LOCKED' and principal = ?", name)).isEqualTo(1);
        assertThat(users.find(name).orElseThrow().lockedUntil()).isNotNull();
    }

    @Test
    void aDisabledUserCannotSignInAndUserIdsAreNeverReused() {
        TestRestTemplate admin = as(Role.ADMIN);
        String name = hub.id("leaver").toLowerCase();
        Map<String, Object> user = new LinkedHashMap<>(Map.of("username", name, "password", "long-enough-password", "roles", List.of("AUDITOR")));
        assertThat(admin.postForEntity("/api/admin/users", user, String.class).getStatusCode().value()).isEqualTo(201);
        assertThat(get(http.withBasicAuth(name, "long-enough-password"), "/api/rules").getStatusCode().value()).isEqualTo(200);
        assertThat(admin.postForEntity("/api/admin/users/" + name + "/disable", null, String.class).getStatusCode().value()).isEqualTo(204);
        assertThat(get(http.withBasicAuth(name, "long-enough-password"), "/api/rules").getStatusCode().value()).isEqualTo(401);
        assertThat(admin.postForEntity("/api/admin/users", user, String.class).getStatusCode().value()).isEqualTo(409);
        user.put("username", name + "2");
        user.put("password", "short");
        assertThat(admin.postForEntity("/api/admin/users", user, String.class).getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void apiAnswersCarrySecurityHeadersAndNoRedirects() {
        ResponseEntity<String> anonymous = http.getForEntity("/api/rules", String.class);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(anonymous.getHeaders().getLocation()).isNull();
        ResponseEntity<String> ok = get(as(Role.AUDITOR), "/api/rules");
        assertThat(ok.getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(ok.getHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(ok.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(ok.getHeaders().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(ok.getHeaders().get("Set-Cookie")).isNull();
    }

    @Test
    void oversizedBodiesAreRefusedBeforeTheyAreRead() {
        String huge = "{\"padding\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}";
        ResponseEntity<String> response = post(as(Role.INGEST), "/api/events", huge);
        assertThat(response.getStatusCode().value()).isEqualTo(413);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    }

    private TestRestTemplate as(Role role) {
        if (role == Role.INGEST) {
            return new TestRestTemplate(new RestTemplateBuilder().uriTemplateHandler(http.getRestTemplate().getUriTemplateHandler())
                    .defaultHeader("X-Api-Key", Hub.INGEST_KEY));
        }
        return http.withBasicAuth(user(role), password(role));
    }

    private String user(Role role) {
        return hub.id(role.name()).toLowerCase();
    }

    private static String password(Role role) {
        return "password-of-" + role.name().toLowerCase();
    }

    private ResponseEntity<String> postWithKey(String key, Map<String, Object> event) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("X-Api-Key", key);
        return http.exchange("/api/events", HttpMethod.POST, new HttpEntity<>(event, headers), String.class);
    }

    private static ResponseEntity<String> get(TestRestTemplate template, String path) {
        return template.getForEntity(path, String.class);
    }

    private static ResponseEntity<String> post(TestRestTemplate template, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return template.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }
}
