package com.closeloop.reports;

import static com.closeloop.support.Hub.holds;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.closeloop.Hashes;
import com.closeloop.support.Hub;
import com.closeloop.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Electronic signatures (re-authentication, who may sign what, linked to one record) and the traceability report and
 * audit pack that show them: deviation → finding → CAPA → action → assignment → completion → signature → closure.
 */
@IntegrationTest
class SignaturesAndTraceabilityIntegrationTests {

    static final String PASSWORD = "correct horse battery";

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    Hub hub;
    String qc, sop, e1, e2, deviation, capa;
    String operator, otherOperator, supervisor, qa;

    @BeforeEach
    void plant() {
        hub = new Hub(http, jdbc);
        qc = hub.jobFunction("QC");
        sop = hub.id("SOP");
        e1 = hub.id("E1");
        e2 = hub.id("E2");
        hub.version(sop, "STANDARD", "1.0", "MAJOR", "2026-01-15", "2026-01-02T09:00:00Z");
        hub.person(e1, "ACTIVE", "2026-01-03T08:00:00Z", holds(qc, "2025-01-01"));
        hub.person(e2, "ACTIVE", "2026-01-03T08:00:00Z", holds(qc, "2025-01-01"));
        hub.map(sop, qc, null, "2026-01-04T08:00:00Z");
        deviation = hub.id("DEV");
        capa = hub.id("CAPA");
        hub.apply("deviation.reported", "2026-02-01T08:00:00Z", Map.of("deviationId", deviation, "occurredAt", "2026-02-01T07:00:00Z",
                "involvedEmployeeIds", List.of(e1), "documentNumbers", List.of(sop), "description", "<b>spill</b> in line 3"));
        hub.apply("capa.opened", "2026-02-02T08:00:00Z", Map.of("capaId", capa, "deviationId", deviation, "title", "Retrain line 3"));
        hub.apply("capa.training-action.added", "2026-02-02T09:00:00Z", Map.of("capaId", capa, "actionId", "A1", "documentNumber", sop,
                "employeeIds", List.of(e1), "dueDate", "2026-03-01", "verification", Map.of("kind", "ASSESSMENT", "minScore", 80)));
        operator = user("op1", e1, "OPERATOR");
        otherOperator = user("op2", e2, "OPERATOR");
        supervisor = user("sup", null, "SUPERVISOR");
        qa = user("qa", null, "QA");
    }

    private String user(String name, String employeeId, String role) {
        String username = hub.id(name).toLowerCase();
        Map<String, Object> body = new LinkedHashMap<>(Map.of("username", username, "password", PASSWORD, "displayName",
                "Printed " + name, "roles", List.of(role)));
        if (employeeId != null) {
            body.put("employeeId", employeeId);
        }
        assertThat(hub.admin().postForEntity("/api/admin/users", body, JsonNode.class).getStatusCode().value()).isEqualTo(201);
        return username;
    }

    private ResponseEntity<JsonNode> sign(String username, String password, String recordType, String recordId, String meaning) {
        return http.withBasicAuth(username, PASSWORD).postForEntity("/api/signatures", Map.of("recordType", recordType, "recordId",
                recordId, "meaning", meaning, "password", password), JsonNode.class);
    }

    private String completion(String employeeId, String at, int score) {
        hub.complete(employeeId, sop, "1.0", at, Map.of("score", score, "method", "ASSESSMENT"));
        return jdbc.queryForObject("select completion_id from training_completion where employee_id = ? and completed_at = ?",
                String.class, employeeId, java.time.OffsetDateTime.parse(at));
    }

    @Test
    void theEmployeeSignsTheirCompletionWithTheirPasswordAndOnlyTheirs() {
        String mine = completion(e1, "2026-02-10T10:00:00Z", 90);
        String theirs = completion(e2, "2026-02-10T11:00:00Z", 90);

        ResponseEntity<JsonNode> wrong = sign(operator, "not my password", "completion", mine, "COMPLETED_TRAINING");
        assertThat(wrong.getStatusCode().value()).isEqualTo(403);
        assertThat(wrong.getBody().path("errors").get(0).path("field").asText()).isEqualTo("password");
        assertThat(hub.count("select count(*) from electronic_signature where record_id = ?", mine)).isZero();
        assertThat(hub.count("select count(*) from app_user where username = ? and failed_attempts = 1", operator)).isEqualTo(1);

        ResponseEntity<JsonNode> signed = sign(operator, PASSWORD, "completion", mine, "COMPLETED_TRAINING");
        assertThat(signed.getStatusCode().value()).as(String.valueOf(signed.getBody())).isEqualTo(201);
        assertThat(signed.getBody().path("printedName").asText()).isEqualTo("Printed op1");
        assertThat(signed.getBody().path("method").asText()).isEqualTo("PASSWORD_REAUTHENTICATION");
        assertThat(signed.getBody().path("valid").asBoolean()).isTrue();
        assertThat(sign(operator, PASSWORD, "completion", mine, "COMPLETED_TRAINING").getStatusCode().value()).isEqualTo(409);

        ResponseEntity<JsonNode> notMine = sign(operator, PASSWORD, "completion", theirs, "COMPLETED_TRAINING");
        assertThat(notMine.getStatusCode().value()).isEqualTo(403);
        assertThat(notMine.getBody().path("errors").get(0).path("field").asText()).isEqualTo("recordId");
        assertThat(sign(operator, PASSWORD, "completion", mine, "VERIFIED").getStatusCode().value()).isEqualTo(403);
        assertThat(sign(supervisor, PASSWORD, "completion", mine, "VERIFIED").getStatusCode().value()).isEqualTo(201);
        assertThat(sign(operator, PASSWORD, "completion", mine, "APPROVED_CLOSURE").getBody().path("errors").get(0).path("field")
                .asText()).isEqualTo("meaning");
        assertThat(sign(operator, PASSWORD, "completion", hub.id("NOPE"), "COMPLETED_TRAINING").getStatusCode().value()).isEqualTo(404);

        JsonNode list = hub.get("/api/signatures?recordType=completion&recordId=" + mine);
        assertThat(list.findValuesAsText("meaning")).containsExactlyInAnyOrder("COMPLETED_TRAINING", "VERIFIED");
        assertThat(list.findValuesAsText("valid")).containsOnly("true");
        assertThat(hub.audit("completion", mine).findValuesAsText("action")).containsExactly("CREATED", "SIGNED", "SIGNED");
    }

    @Test
    void aSignatureCopiedToAnotherRecordDoesNotVerify() {
        String mine = completion(e1, "2026-02-10T10:00:00Z", 90);
        String other = completion(e1, "2026-02-11T10:00:00Z", 95);
        String signatureId = sign(operator, PASSWORD, "completion", mine, "COMPLETED_TRAINING").getBody().path("signatureId").asText();
        // copy the stored signature, every field and hash as it is, onto the other completion
        jdbc.update("insert into electronic_signature (signature_id, record_type, record_id, signer, printed_name, meaning, signed_at,"
                + " method, external_ref, record_hash, signature_hash, recorded_at) select ?, record_type, ?, signer, printed_name, meaning,"
                + " signed_at, method, external_ref, record_hash, signature_hash, recorded_at from electronic_signature where signature_id = ?",
                hub.id("COPY"), other, signatureId);
        JsonNode copied = hub.get("/api/signatures?recordType=completion&recordId=" + other).get(0);
        assertThat(copied.path("valid").asBoolean()).isFalse();
        assertThat(copied.path("problem").asText()).contains("moved from another record");
        assertThat(hub.get("/api/signatures/" + signatureId).path("valid").asBoolean()).isTrue();

        // and the reports show the copy as invalid
        JsonNode trace = hub.get("/api/reports/traceability?capaId=" + capa);
        JsonNode completions = trace.path("capas").get(0).path("actions").get(0).path("assignments").get(0).path("completions");
        assertThat(completions.get(0).path("signatures").get(0).path("valid").asBoolean()).isTrue();
        assertThat(completions.get(1).path("signatures").get(0).path("valid").asBoolean()).isFalse();
    }

    @Test
    void systemsSignWithTheirEventsPeopleCannot() {
        Map<String, Object> signature = Map.of("signer", "jdoe", "printedName", "Jane Doe", "meaning", "COMPLETED_TRAINING", "signedAt",
                "2026-02-10T10:01:00Z", "externalRef", "LMS-77");
        hub.complete(e1, sop, "1.0", "2026-02-10T10:00:00Z", Map.of("score", 90, "signature", signature));
        assertThat(hub.count("select count(*) from electronic_signature s join training_completion c on c.completion_id = s.record_id"
                + " where c.employee_id = ? and s.external_ref = 'LMS-77' and s.method = 'SOURCE_SYSTEM' and s.printed_name = 'Jane Doe'"
                + " and s.signer = 'jdoe' and s.source_event_source = ?", e1, Hub.SOURCE)).isEqualTo(1);

        Map<String, Object> event = Hub.event("training.completed", "2026-02-12T10:00:00Z", Map.of("employeeId", e1, "documentNumber",
                sop, "version", "1.0", "completedAt", "2026-02-12T10:00:00Z", "signature", signature));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("application/cloudevents+json"));
        ResponseEntity<JsonNode> byPerson = http.withBasicAuth(operator, PASSWORD).exchange("/api/events", HttpMethod.POST,
                new HttpEntity<>(event, headers), JsonNode.class);
        assertThat(byPerson.getStatusCode().value()).isEqualTo(400);
        assertThat(byPerson.getBody().path("errors").get(0).path("field").asText()).isEqualTo("signature");
        assertThat(hub.count("select count(*) from training_completion where employee_id = ? and completed_at = ?", e1,
                java.time.OffsetDateTime.parse("2026-02-12T10:00:00Z"))).isZero();

        Map<String, Object> badMeaning = Map.of("signer", "jdoe", "meaning", "APPROVED_CLOSURE", "signedAt", "2026-02-10T10:01:00Z");
        ResponseEntity<JsonNode> refused = hub.post(Hub.event("training.completed", "2026-02-13T10:00:00Z", Map.of("employeeId", e1,
                "documentNumber", sop, "version", "1.0", "completedAt", "2026-02-13T10:00:00Z", "signature", badMeaning)));
        assertThat(refused.getBody().path("errors").get(0).path("field").asText()).isEqualTo("signature.meaning");
    }

    @Test
    void traceabilityFollowsTheDeviationToTheSignedClosure() throws IOException {
        completion(e1, "2026-02-05T10:00:00Z", 70); // does not reach the minimum score
        hub.apply("capa.closure.requested", "2026-02-06T08:00:00Z", Map.of("capaId", capa, "requestedBy", "qa.lead"));
        String passing = completion(e1, "2026-02-10T10:00:00Z", 85);
        sign(operator, PASSWORD, "completion", passing, "COMPLETED_TRAINING");
        assertThat(sign(qa, PASSWORD, "capa-closure", capa, "APPROVED_CLOSURE").getStatusCode().value()).isEqualTo(409); // still open
        hub.apply("capa.closure.requested", "2026-02-11T08:00:00Z", Map.of("capaId", capa, "requestedBy", "qa.lead"));
        assertThat(sign(qa, PASSWORD, "capa-closure", capa, "APPROVED_CLOSURE").getStatusCode().value()).isEqualTo(201);

        JsonNode report = hub.get("/api/reports/traceability?deviationId=" + deviation);
        assertThat(report.path("deviation").path("findings").get(0).path("employeeId").asText()).isEqualTo(e1);
        assertThat(report.path("deviation").path("findings").get(0).path("finding").asText()).isEqualTo("NEVER_TRAINED");
        assertThat(report.path("deviation").path("findings").get(0).path("ruleName").asText()).isNotBlank();
        assertThat(report.path("deviation").path("audit")).isNotEmpty();
        JsonNode capaPart = report.path("capas").get(0);
        assertThat(capaPart.path("status").asText()).isEqualTo("CLOSED");
        JsonNode assignment = capaPart.path("actions").get(0).path("assignments").get(0);
        assertThat(assignment.path("employeeId").asText()).isEqualTo(e1);
        assertThat(assignment.path("verified").asBoolean()).isTrue();
        assertThat(assignment.path("ruleName").asText()).isNotBlank();
        assertThat(assignment.path("audit")).hasSizeGreaterThanOrEqualTo(2);
        JsonNode completions = assignment.path("completions");
        assertThat(completions.findValuesAsText("score")).containsExactly("70.0", "85.0");
        assertThat(completions.get(0).path("counts").asBoolean()).isTrue();
        assertThat(completions.get(1).path("signatures").get(0).path("printedName").asText()).isEqualTo("Printed op1");
        JsonNode decisions = capaPart.path("closureDecisions");
        assertThat(decisions.findValuesAsText("decision")).containsExactly("CLOSURE_REFUSED", "CLOSURE_ALLOWED");
        assertThat(decisions.get(0).path("reasons").get(0).asText()).contains(e1);
        assertThat(decisions.get(1).path("ruleName").asText()).isNotBlank();
        assertThat(capaPart.path("closureSignatures").get(0).path("meaning").asText()).isEqualTo("APPROVED_CLOSURE");
        assertThat(capaPart.path("closureSignatures").get(0).path("valid").asBoolean()).isTrue();

        String html = hub.admin().getForObject("/api/reports/traceability?deviationId=" + deviation + "&format=html", String.class);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("CLOSURE_ALLOWED").contains("Printed op1 (" + operator + ") COMPLETED_TRAINING")
                .contains("&lt;b&gt;spill&lt;/b&gt;").doesNotContain("<b>spill</b>");

        // the audit pack of the period holds both reports and the rules, byte-identical when produced twice
        String pack = "/api/reports/audit-pack?from=2026-02-01&to=2026-02-28&jobFunction=" + qc + "&asOf=2026-03-01T00:00:00Z";
        byte[] first = hub.admin().getForObject(pack, byte[].class);
        byte[] second = hub.admin().getForObject(pack, byte[].class);
        assertThat(second).isEqualTo(first);
        Map<String, byte[]> files = unzip(first);
        assertThat(files).containsKeys("training-compliance.json", "training-compliance.csv", "manifest.json",
                "traceability/deviation-" + deviation + ".json", "traceability/deviation-" + deviation + ".html");
        JsonNode manifest = new ObjectMapper().readTree(files.get("manifest.json"));
        for (JsonNode file : manifest.path("files")) {
            assertThat(Hashes.sha256Hex(new String(files.get(file.path("name").asText()), java.nio.charset.StandardCharsets.UTF_8)))
                    .as(file.path("name").asText()).isEqualTo(file.path("sha256").asText());
        }
        String active = hub.get("/api/rules").path("version").asText();
        assertThat(manifest.path("ruleSets").findValuesAsText("version")).contains(active);
        assertThat(files.keySet()).anyMatch(name -> name.startsWith("rule-sets/" + active + "/") && name.endsWith(".drl"));
        JsonNode compliance = new ObjectMapper().readTree(files.get("training-compliance.json"));
        assertThat(compliance.path("rows").findValuesAsText("employeeId")).contains(e1);
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }
}
