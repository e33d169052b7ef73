package com.closeloop.ingest;

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

/** SPEC §3: bad input gets a specific problem+json naming each bad field, and nothing is applied. */
@IntegrationTest
class BadInputIntegrationTests {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    Hub hub;
    String cleaning;
    String sop;
    String e1;
    String before;

    @BeforeEach
    void plant() {
        hub = new Hub(http, jdbc);
        cleaning = hub.jobFunction("CLEAN-OP");
        sop = hub.id("SOP-1");
        e1 = hub.id("E1");
        hub.version(sop, "CRITICAL", "1.0", "MAJOR", "2026-01-15", "2026-01-02T09:00:00Z");
        hub.person(e1, "ACTIVE", "2026-01-03T08:00:00Z", holds(cleaning, "2025-01-01"));
        hub.map(sop, cleaning, null, "2026-01-04T08:00:00Z");
        before = hub.snapshot();
    }

    @Test
    void invalidJsonIsA400NamingTheBody() {
        ResponseEntity<JsonNode> response = hub.postRaw("{\"specversion\": \"1.0\", \"id\": ", "application/cloudevents+json");
        assertProblem(response, 400, "body");
        assertThat(response.getBody().path("errors").get(0).path("message").asText()).contains("not valid JSON");
        assertUnchanged();
    }

    @Test
    void everyMissingEnvelopeFieldIsNamed() {
        ResponseEntity<JsonNode> response = hub.postRaw("{\"specversion\": \"0.3\", \"data\": []}", "application/json");
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody().path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("specversion", "id", "source", "type", "data");
    }

    @Test
    void unknownTypeIsA400NamingType() {
        assertProblem(hub.post(Hub.event("closeloop.nonsense", null, Map.of("x", 1))), 400, "type");
    }

    @Test
    void everyMissingRequiredDataFieldIsNamedAndNothingIsApplied() {
        ResponseEntity<JsonNode> response = hub.post(Hub.event("document.version.approved", null, Map.of("documentNumber", sop)));
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody().path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("title", "category", "version", "changeType", "effectiveDate");
        assertUnchanged();
    }

    @Test
    void badDatesAndEnumsAreNamedWithWhatWasWrong() {
        Map<String, Object> data = new LinkedHashMap<>(Map.of("documentNumber", sop, "title", "T", "category", "CRITICAL",
                "version", "2.0", "changeType", "HUGE", "effectiveDate", "2026-02-30"));
        ResponseEntity<JsonNode> response = hub.post(Hub.event("document.version.approved", "2026-13-01T00:00:00Z", data));
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody().path("errors").findValuesAsText("field")).containsExactly("time");

        response = hub.post(Hub.event("document.version.approved", null, data));
        assertThat(response.getBody().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("changeType", "effectiveDate");
        assertThat(response.getBody().path("detail").asText()).contains("MAJOR, MINOR, ADMINISTRATIVE").contains("2026-02-30");
        assertUnchanged();
    }

    @Test
    void nestedFieldsAreNamedByPath() {
        ResponseEntity<JsonNode> response = hub.post(Hub.event("personnel.upserted", null, Map.of("employeeId", e1, "name", "N",
                "status", "ACTIVE", "jobFunctions", List.of(Map.of("code", cleaning, "from", "2026-01-10", "to", "2026-01-01"),
                        Map.of("from", "01/02/2026")))));
        assertThat(response.getBody().path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("jobFunctions[0].to", "jobFunctions[1].code", "jobFunctions[1].from");
        assertUnchanged();
    }

    @Test
    void wrongJsonTypesAreNamed() {
        ResponseEntity<JsonNode> response = hub.post(Hub.event("training.completed", null, Map.of("employeeId", 42, "documentNumber",
                sop, "version", "1.0", "completedAt", "2026-01-20T10:00:00Z", "score", "ninety")));
        assertThat(response.getBody().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("employeeId", "score");
    }

    @Test
    void referencesToUnknownRecordsAre422NamingTheField() {
        assertProblem(hub.post(Hub.event("training.completed", null, Map.of("employeeId", hub.id("NOBODY"), "documentNumber", sop,
                "version", "1.0", "completedAt", "2026-01-20T10:00:00Z"))), 422, "employeeId");
        assertProblem(hub.post(Hub.event("training.completed", null, Map.of("employeeId", e1, "documentNumber", hub.id("NODOC"),
                "version", "1.0", "completedAt", "2026-01-20T10:00:00Z"))), 422, "documentNumber");
        assertProblem(hub.post(Hub.event("training.completed", null, Map.of("employeeId", e1, "documentNumber", sop,
                "version", "9.9", "completedAt", "2026-01-20T10:00:00Z"))), 422, "version");
        assertProblem(hub.post(Hub.event("matrix.entry.upserted", null, Map.of("documentNumber", sop, "jobFunctionCode",
                hub.id("NOFN")))), 422, "jobFunctionCode");
        assertUnchanged();
    }

    @Test
    void aCompletionInTheFutureIsRefused() {
        assertProblem(hub.post(Hub.event("training.completed", null, Map.of("employeeId", e1, "documentNumber", sop,
                "version", "1.0", "completedAt", "2999-01-01T00:00:00Z"))), 400, "completedAt");
        assertUnchanged();
    }

    @Test
    void aRejectedEventCanBeCorrectedAndResentWithTheSameId() {
        Map<String, Object> event = Hub.event("jobfunction.upserted", null, new LinkedHashMap<>(Map.of("code", hub.id("QC"))));
        assertProblem(hub.post(event), 400, "name");
        assertThat(hub.count("select count(*) from rejected_event where event_id = ?", event.get("id"))).isEqualTo(1);

        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) event.get("data");
        data.put("name", "Quality control");
        ResponseEntity<JsonNode> fixed = hub.post(event);
        assertThat(fixed.getStatusCode().value()).isEqualTo(202);
    }

    @Test
    void unsupportedContentTypeIs415() {
        assertThat(hub.postRaw("hello", "text/plain").getStatusCode().value()).isEqualTo(415);
    }

    private void assertProblem(ResponseEntity<JsonNode> response, int status, String field) {
        assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(status);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.getBody().path("eventStatus").asText()).isEqualTo("REJECTED");
        assertThat(response.getBody().path("errors").findValuesAsText("field")).contains(field);
        assertThat(response.getBody().path("detail").asText()).contains(field);
        assertThat(response.getBody().toString()).doesNotContain("Exception").doesNotContain("at com.");
    }

    private void assertUnchanged() {
        assertThat(hub.snapshot()).isEqualTo(before);
    }
}
