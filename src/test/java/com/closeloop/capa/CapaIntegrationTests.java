package com.closeloop.capa;

import static com.closeloop.capa.CapaScenarioIntegrationTests.decision;
import static com.closeloop.support.Hub.holds;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.closeloop.support.Hub;
import com.closeloop.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** CAPA verification kinds, named employees, and every bad-input case of the CAPA events. */
@IntegrationTest
class CapaIntegrationTests {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    Hub hub;
    String cleaning;
    String sop;
    String capa;
    String e1;
    String e2;

    @BeforeEach
    void plant() {
        hub = new Hub(http, jdbc);
        cleaning = hub.jobFunction("CLEAN-OP");
        sop = hub.id("SOP-1");
        e1 = hub.id("E1");
        e2 = hub.id("E2");
        hub.version(sop, "STANDARD", "1.0", "MAJOR", "2026-01-15", "2026-01-02T09:00:00Z");
        hub.person(e1, "ACTIVE", "2026-01-03T08:00:00Z", holds(cleaning, "2025-01-01"));
        hub.person(e2, "ACTIVE", "2026-01-03T08:00:00Z");
        hub.map(sop, cleaning, null, "2026-01-04T08:00:00Z");
        hub.complete(e1, sop, "1.0", "2026-01-10T10:00:00Z", Map.of());
        capa = hub.id("CAPA");
        hub.apply("capa.opened", "2026-02-01T08:00:00Z", Map.of("capaId", capa));
    }

    @Test
    void completionVerificationNeedsACompletionAfterTheActionWasAdded() {
        addAction("A1", Map.of("kind", "COMPLETION"), List.of(cleaning), List.of(e2));
        JsonNode refused = decision(close("2026-02-03T08:00:00Z"), "CLOSURE_REFUSED");
        // e1's January completion predates the action; e2 (named, outside the matrix) never trained.
        assertThat(refused.path("reasons").get(0).asText()).contains("since the action was added").endsWith("— " + e1 + ", " + e2);

        hub.complete(e1, sop, "1.0", "2026-02-04T10:00:00Z", Map.of());
        hub.complete(e2, sop, "1.0", "2026-02-04T11:00:00Z", Map.of());
        decision(close("2026-02-05T08:00:00Z"), "CLOSURE_ALLOWED");
    }

    @Test
    void supervisorVerificationNeedsVerifiedBy() {
        addAction("A1", Map.of("kind", "SUPERVISOR"), List.of(), List.of(e1));
        hub.complete(e1, sop, "1.0", "2026-02-04T10:00:00Z", Map.of());
        JsonNode refused = decision(close("2026-02-05T08:00:00Z"), "CLOSURE_REFUSED");
        assertThat(refused.path("reasons").get(0).asText()).contains("not verified by a supervisor").endsWith("— " + e1);
        JsonNode state = hub.get("/api/capas/" + capa).path("actions").get(0);
        assertThat(state.path("completed").asInt()).isEqualTo(1);
        assertThat(state.path("verified").asInt()).isZero();
        assertThat(state.path("assignees").get(0).path("missing").get(0).asText()).isEqualTo("NOT_VERIFIED");

        hub.complete(e1, sop, "1.0", "2026-02-06T10:00:00Z", Map.of("verifiedBy", hub.id("SUP")));
        decision(close("2026-02-07T08:00:00Z"), "CLOSURE_ALLOWED");
    }

    @Test
    void assessmentWithoutMinScoreUsesThePassMarkOf80() {
        addAction("A1", Map.of("kind", "ASSESSMENT"), List.of(), List.of(e1));
        assertThat(hub.get("/api/capas/" + capa).path("actions").get(0).path("verification").path("minScore").asInt()).isEqualTo(80);
        hub.complete(e1, sop, "1.0", "2026-02-04T10:00:00Z", Map.of("score", 79));
        decision(close("2026-02-05T08:00:00Z"), "CLOSURE_REFUSED");
        hub.complete(e1, sop, "1.0", "2026-02-06T10:00:00Z", Map.of("score", 80));
        decision(close("2026-02-07T08:00:00Z"), "CLOSURE_ALLOWED");
    }

    @Test
    void aCapaWithoutTrainingActionsMayClose() {
        decision(close("2026-02-05T08:00:00Z"), "CLOSURE_ALLOWED");
        assertThat(hub.get("/api/capas/" + capa).path("status").asText()).isEqualTo("CLOSED");
    }

    @Test
    void losingTheJobFunctionDoesNotCancelACapaAssignment() {
        addAction("A1", Map.of("kind", "COMPLETION"), List.of(), List.of(e1));
        hub.person(e1, "ACTIVE", "2026-02-10T08:00:00Z"); // loses the cleaning function
        assertThat(hub.assignments(e1, "OPEN")).extracting(a -> a.path("reason").asText()).containsExactly("CAPA " + capa + "/A1");
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsApplied() {
        String before = hub.snapshot();
        assertRejected(hub.post(action(hub.id("NOPE"), "A1", Map.of("kind", "COMPLETION"), "2026-03-01")), 422, "capaId");
        assertRejected(hub.post(action(capa, "A1", Map.of("kind", "TRAINING"), "2026-03-01")), 400, "verification.kind");
        assertRejected(hub.post(action(capa, "A1", Map.of("kind", "ASSESSMENT", "minScore", 120), "2026-03-01")), 400,
                "verification.minScore");
        assertRejected(hub.post(action(capa, "A1", Map.of("kind", "COMPLETION"), "2026-01-01")), 422, "dueDate");
        Map<String, Object> nobody = new LinkedHashMap<>(Map.of("capaId", capa, "actionId", "A1", "documentNumber", sop,
                "dueDate", "2026-03-01"));
        assertRejected(hub.post(Hub.event("capa.training-action.added", "2026-02-02T08:00:00Z", nobody)), 400, "jobFunctionCodes");
        Map<String, Object> unknowns = new LinkedHashMap<>(Map.of("capaId", capa, "actionId", "A1", "documentNumber", hub.id("NODOC"),
                "jobFunctionCodes", List.of(hub.id("NOFN")), "employeeIds", List.of(e1, hub.id("NOBODY")), "dueDate", "2026-03-01"));
        ResponseEntity<JsonNode> response = hub.post(Hub.event("capa.training-action.added", "2026-02-02T08:00:00Z", unknowns));
        assertThat(response.getStatusCode().value()).isEqualTo(422);
        assertThat(response.getBody().path("errors").findValuesAsText("field"))
                .containsExactly("documentNumber", "jobFunctionCodes[0]", "employeeIds[1]");
        assertRejected(hub.post(Hub.event("capa.closure.requested", null, Map.of("capaId", hub.id("NOPE"), "requestedBy", "qa"))), 422,
                "capaId");
        assertRejected(hub.post(Hub.event("capa.opened", null, Map.of("capaId", hub.id("C2"), "deviationId", hub.id("NODEV")))), 422,
                "deviationId");
        assertRejected(hub.post(Hub.event("capa.opened", null, Map.of("capaId", capa))), 422, "capaId");
        assertThat(hub.snapshot()).isEqualTo(before);
        assertThat(hub.count("select count(*) from capa_action where capa_id = ?", capa)).isZero();

        addAction("A1", Map.of("kind", "COMPLETION"), List.of(), List.of(e1));
        assertRejected(hub.post(action(capa, "A1", Map.of("kind", "COMPLETION"), "2026-03-01")), 422, "actionId");
        assertThat(hub.getEntity("/api/capas/" + hub.id("NOPE")).getStatusCode().value()).isEqualTo(404);
    }

    private void addAction(String actionId, Map<String, Object> verification, List<String> functions, List<String> employees) {
        Map<String, Object> data = new LinkedHashMap<>(Map.of("capaId", capa, "actionId", actionId, "documentNumber", sop,
                "dueDate", "2026-03-01", "verification", verification));
        data.put("jobFunctionCodes", functions);
        data.put("employeeIds", employees);
        hub.apply("capa.training-action.added", "2026-02-02T08:00:00Z", data);
    }

    private Map<String, Object> action(String capaId, String actionId, Map<String, Object> verification, String due) {
        return Hub.event("capa.training-action.added", "2026-02-02T08:00:00Z", Map.of("capaId", capaId, "actionId", actionId,
                "documentNumber", sop, "employeeIds", List.of(e1), "dueDate", due, "verification", verification));
    }

    private JsonNode close(String time) {
        return hub.apply("capa.closure.requested", time, Map.of("capaId", capa, "requestedBy", "qa.lead"));
    }

    private static void assertRejected(ResponseEntity<JsonNode> response, int status, String field) {
        assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(status);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.getBody().path("errors").findValuesAsText("field")).contains(field);
    }
}
