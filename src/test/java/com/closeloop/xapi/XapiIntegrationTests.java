package com.closeloop.xapi;

import static com.closeloop.support.Hub.holds;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.closeloop.support.Hub;
import com.closeloop.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;

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

/** xAPI statements from an external LMS become completions on the one event path. */
@IntegrationTest
class XapiIntegrationTests {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    Hub hub;
    String sop;
    String employee;

    @BeforeEach
    void plant() {
        hub = new Hub(http, jdbc);
        String cleaning = hub.jobFunction("CLEAN");
        sop = hub.id("SOP");
        employee = hub.id("E1");
        hub.version(sop, "CRITICAL", "1.0", "MAJOR", "2026-01-15", "2026-01-02T09:00:00Z");
        hub.map(sop, cleaning, "ASSESSMENT", "2026-01-03T08:00:00Z");
        hub.person(employee, "ACTIVE", "2026-01-04T08:00:00Z", holds(cleaning, "2025-01-01"));
    }

    @Test
    void aPassedStatementCompletesTheRightAssignmentAndARepeatIsADuplicate() {
        assertThat(hub.assignments(employee, "OPEN")).hasSize(1);
        String id = UUID.randomUUID().toString();
        Map<String, Object> statement = statement(id, "http://adlnet.gov/expapi/verbs/passed",
                Map.of("objectType", "Agent", "account", Map.of("homePage", "https://lms.example", "name", employee)), 0.92);

        ResponseEntity<JsonNode> response = post(statement);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody().get(0).path("statementId").asText()).isEqualTo(id);
        assertThat(response.getBody().get(0).path("status").asText()).isEqualTo("APPLIED");
        assertThat(hub.assignments(employee, "OPEN")).isEmpty();
        JsonNode completed = hub.assignments(employee, "COMPLETED").get(0);
        assertThat(completed.path("documentNumber").asText()).isEqualTo(sop);
        assertThat(completed.path("completedAt").asText()).isEqualTo("2026-02-01T10:00:00Z");
        assertThat(jdbc.queryForObject("select score from training_completion where employee_id = ?", java.math.BigDecimal.class, employee)
                .intValue()).isEqualTo(92);
        assertThat(post(statement).getBody().get(0).path("status").asText()).isEqualTo("DUPLICATE");
    }

    @Test
    void anMboxActorIsMappedByEmailAndOtherVerbsAreIgnored() {
        Map<String, Object> completed = statement(UUID.randomUUID().toString(), "http://adlnet.gov/expapi/verbs/completed",
                Map.of("mbox", "mailto:" + employee.toLowerCase() + "@plant.example"), null);
        Map<String, Object> attempted = statement(UUID.randomUUID().toString(), "http://adlnet.gov/expapi/verbs/attempted",
                Map.of("mbox", "mailto:someone@else.example"), null);
        ResponseEntity<JsonNode> response = post(List.of(attempted, completed));
        assertThat(response.getBody()).extracting(r -> r.path("status").asText()).containsExactly("IGNORED", "APPLIED");
        // ASSESSMENT in the matrix, no score: stored, but it does not count
        assertThat(jdbc.queryForObject("select counts from training_completion where employee_id = ?", Boolean.class, employee)).isFalse();
    }

    @Test
    void unmappableCompletionsAre422NamingActorOrObjectAndNothingIsStored() {
        Map<String, Object> unknownActor = statement(UUID.randomUUID().toString(), "http://adlnet.gov/expapi/verbs/completed",
                Map.of("account", Map.of("homePage", "https://lms.example", "name", hub.id("NOBODY"))), null);
        Map<String, Object> unknownActivity = new java.util.LinkedHashMap<>(statement(UUID.randomUUID().toString(),
                "http://adlnet.gov/expapi/verbs/completed", Map.of("account", Map.of("homePage", "https://lms.example", "name", employee)), null));
        unknownActivity.put("object", Map.of("id", "urn:closeloop:document:" + sop + ":version:9.9"));
        ResponseEntity<JsonNode> response = post(List.of(unknownActor, unknownActivity));
        assertThat(response.getStatusCode().value()).isEqualTo(422);
        assertThat(response.getBody().path("errors").findValuesAsText("field")).containsExactly("[0].actor", "[1].object.id");
        assertThat(hub.count("select count(*) from training_completion where employee_id = ?", employee)).isZero();
    }

    @Test
    void malformedStatementsAre400NamingTheField() {
        Map<String, Object> bad = new java.util.LinkedHashMap<>(statement("not-a-uuid", "passed", Map.of("mbox", "bob@example"), 1.5));
        ResponseEntity<JsonNode> response = post(bad);
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody().path("errors").findValuesAsText("field"))
                .contains("id", "verb.id", "actor.mbox", "result.score.scaled");
        assertThat(http.postForEntity("/api/xapi/statements", bad, String.class).getStatusCode().value()).isEqualTo(401);
    }

    private Map<String, Object> statement(String id, String verb, Map<String, Object> actor, Double scaled) {
        Map<String, Object> statement = new java.util.LinkedHashMap<>();
        statement.put("id", id);
        statement.put("actor", actor);
        statement.put("verb", Map.of("id", verb, "display", Map.of("en-US", "did")));
        statement.put("object", Map.of("objectType", "Activity", "id", "urn:closeloop:document:" + sop + ":version:1.0"));
        if (scaled != null) {
            statement.put("result", Map.of("score", Map.of("scaled", scaled), "success", true));
        }
        statement.put("timestamp", "2026-02-01T10:00:00Z");
        return statement;
    }

    private ResponseEntity<JsonNode> post(Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("X-Api-Key", Hub.INGEST_KEY);
        return http.exchange("/api/xapi/statements", HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }
}
