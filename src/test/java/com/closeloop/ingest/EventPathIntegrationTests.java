package com.closeloop.ingest;

import static com.closeloop.support.Hub.holds;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.closeloop.support.Hub;
import com.closeloop.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;

import org.apache.camel.CamelContext;
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

/** The one event path: YAML route from routes/, content types, concurrency and idempotency. */
@IntegrationTest
class EventPathIntegrationTests {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CamelContext camel;

    Hub hub;

    @BeforeEach
    void setUp() {
        hub = new Hub(http, jdbc);
    }

    @Test
    void theEventRouteIsLoadedFromTheRoutesFolder() {
        var route = camel.getRoute("ingest-events");
        assertThat(route).isNotNull();
        assertThat(route.getSourceLocation()).contains("routes/ingest/events.yaml");
        assertThat(route.getEndpoint().getEndpointUri()).isEqualTo("direct://closeloop-events");
    }

    @Test
    void theRuleSetStatusNamesTheVersionEveryDecisionCarries() {
        JsonNode rules = hub.get("/api/rules");
        assertThat(rules.path("version").asText()).hasSize(12);
        assertThat(rules.path("files").findValuesAsText("")).isEmpty();
        assertThat(rules.path("files").toString()).contains("training-needs/revision.drl", "common/decisions.drl");
        assertThat(rules.path("lastErrors")).isEmpty();
        JsonNode outcome = hub.apply("jobfunction.upserted", null, Map.of("code", hub.id("X"), "name", "X"));
        assertThat(outcome.path("ruleSetVersion").asText()).isEqualTo(rules.path("version").asText());
        assertThat(hub.count("select count(*) from rule_set where rule_set_version = ?", rules.path("version").asText())).isEqualTo(1);
    }

    @Test
    void binaryModeEventsAreAccepted() {
        String code = hub.id("BIN");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("ce-specversion", "1.0");
        headers.set("ce-id", "bin-" + code);
        headers.set("ce-source", Hub.SOURCE);
        headers.set("ce-type", "closeloop.jobfunction.upserted");
        headers.set("ce-time", "2026-01-01T08:00:00Z");
        headers.set("X-Api-Key", Hub.INGEST_KEY);
        ResponseEntity<JsonNode> response = http.exchange("/api/events", HttpMethod.POST,
                new HttpEntity<>("{\"code\": \"" + code + "\", \"name\": \"Binary\"}", headers), JsonNode.class);
        assertThat(response.getStatusCode().value()).isEqualTo(202);
        assertThat(response.getBody().path("status").asText()).isEqualTo("APPLIED");
        assertThat(hub.count("select count(*) from job_function where code = ?", code)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select event_time from processed_event where event_id = ?", java.time.OffsetDateTime.class,
                "bin-" + code).toInstant().toString()).isEqualTo("2026-01-01T08:00:00Z");
    }

    @Test
    void plainJsonContentTypeIsAcceptedAsStructuredMode() {
        String code = hub.id("PLAIN");
        String body = "{\"specversion\":\"1.0\",\"id\":\"" + code + "\",\"source\":\"" + Hub.SOURCE
                + "\",\"type\":\"closeloop.jobfunction.upserted\",\"data\":{\"code\":\"" + code + "\",\"name\":\"Plain\"}}";
        assertThat(hub.postRaw(body, "application/json").getStatusCode().value()).isEqualTo(202);
    }

    @Test
    void theSameEventSentConcurrentlyIsAppliedExactlyOnce() throws Exception {
        String cleaning = hub.jobFunction("CLEAN-OP");
        String sop = hub.id("SOP-1");
        hub.version(sop, "CRITICAL", "1.0", "MAJOR", "2026-01-15", "2026-01-02T09:00:00Z");
        for (int i = 0; i < 20; i++) {
            hub.person(hub.id("E" + i), "ACTIVE", "2026-01-03T08:00:00Z", holds(cleaning, "2025-01-01"));
        }
        hub.map(sop, cleaning, null, "2026-01-04T08:00:00Z");
        Map<String, Object> revision = Hub.event("document.version.approved", "2026-02-01T00:00:00Z", Map.of("documentNumber", sop,
                "title", "T", "category", "CRITICAL", "version", "2.0", "changeType", "MAJOR", "effectiveDate", "2026-03-01"));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<ResponseEntity<JsonNode>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> hub.post(revision));
        }
        List<String> statuses = new ArrayList<>();
        for (Future<ResponseEntity<JsonNode>> f : pool.invokeAll(calls)) {
            statuses.add(f.get().getBody().path("status").asText());
        }
        pool.shutdown();

        assertThat(statuses).containsOnly("APPLIED", "DUPLICATE");
        assertThat(statuses).filteredOn("APPLIED"::equals).hasSize(1);
        assertThat(hub.count("select count(*) from training_assignment where document_number = ? and version = '2.0'", sop))
                .isEqualTo(20);
        assertThat(hub.count("select count(*) from training_assignment where document_number = ? and status = 'OPEN'", sop))
                .isEqualTo(20);
    }

    @Test
    void concurrentDifferentEventsNeverLeaveTwoOpenAssignmentsForOneEmployeeAndDocument() throws Exception {
        String cleaning = hub.jobFunction("CLEAN-OP");
        String sop = hub.id("SOP-1");
        hub.version(sop, "CRITICAL", "1.0", "MAJOR", "2026-01-15", "2026-01-02T09:00:00Z");
        String e = hub.id("E1");
        hub.person(e, "ACTIVE", "2026-01-03T08:00:00Z");
        hub.map(sop, cleaning, null, "2026-01-04T08:00:00Z");

        // Eight different events each try to give the same employee an assignment for the same document at once.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<ResponseEntity<JsonNode>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> hub.post(Hub.event("personnel.upserted", "2026-01-05T08:00:00Z", Map.of("employeeId", e, "name", "N",
                    "status", "ACTIVE", "jobFunctions", List.of(Map.of("code", cleaning, "from", "2026-01-05"))))));
        }
        for (Future<ResponseEntity<JsonNode>> f : pool.invokeAll(calls)) {
            assertThat(f.get().getStatusCode().value()).isEqualTo(202);
        }
        pool.shutdown();
        assertThat(hub.count("select count(*) from training_assignment where employee_id = ? and status = 'OPEN'", e)).isEqualTo(1);
        assertThat(hub.count("select count(*) from job_function_holding where employee_id = ? and retracted_at is null", e)).isEqualTo(1);
    }

    @Test
    void concurrentIdenticalMatrixEntriesLeaveOneEntryInForce() throws Exception {
        String cleaning = hub.jobFunction("CLEAN-OP");
        String sop = hub.id("SOP-1");
        hub.version(sop, "CRITICAL", "1.0", "MAJOR", "2026-01-15", "2026-01-02T09:00:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<ResponseEntity<JsonNode>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> hub.post(Hub.event("matrix.entry.upserted", null, Map.of("documentNumber", sop, "jobFunctionCode", cleaning))));
        }
        for (Future<ResponseEntity<JsonNode>> f : pool.invokeAll(calls)) {
            assertThat(f.get().getStatusCode().value()).isEqualTo(202);
        }
        pool.shutdown();
        assertThat(hub.count("select count(*) from matrix_entry where document_number = ? and removed_at is null", sop)).isEqualTo(1);
    }
}
