package com.closeloop.documents;

import static com.closeloop.support.Hub.holds;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.closeloop.support.Hub;
import com.closeloop.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/** The effectivity readiness gate: a CRITICAL job function with 1 of 10 holders untrained is not ready until they train. */
@IntegrationTest
class ReadinessIntegrationTests {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCriticalVersionWaitsForItsLastUntrainedHolder() {
        Hub hub = new Hub(http, jdbc);
        String op = hub.jobFunction("OP");
        String sop = hub.id("SOP");
        hub.version(sop, "CRITICAL", "1.0", "MAJOR", "2026-01-15", "2026-01-02T09:00:00Z");
        List<String> holders = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            String e = hub.id("E" + i);
            holders.add(e);
            hub.person(e, "ACTIVE", "2026-01-03T08:00:00Z", holds(op, "2025-01-01"));
        }
        hub.map(sop, op, null, "2026-01-04T08:00:00Z");
        hub.version(sop, "CRITICAL", "2.0", "MAJOR", "2026-03-01", "2026-02-01T09:00:00Z");
        for (String e : holders.subList(0, 9)) {
            hub.complete(e, sop, "2.0", "2026-02-10T10:00:00Z", Map.of());
        }
        String late = holders.get(9);

        JsonNode notReady = hub.get("/api/documents/" + sop + "/versions/2.0/readiness");
        assertThat(notReady.path("ready").asBoolean()).isFalse();
        assertThat(notReady.path("at").asText()).isEqualTo("2026-03-01T00:00:00Z");
        JsonNode function = notReady.path("jobFunctions").get(0);
        assertThat(function.path("code").asText()).isEqualTo(op);
        assertThat(function.path("required").asInt()).isEqualTo(10);
        assertThat(function.path("qualified").asInt()).isEqualTo(9);
        assertThat(function.path("notQualifiedEmployeeIds").get(0).asText()).isEqualTo(late);
        assertThat(notReady.path("reasons").get(0).asText()).contains(op).contains("9 of 10");
        assertThat(notReady.path("ruleSetVersion").asText()).hasSize(12);

        JsonNode refused = hub.apply("document.effectivity.requested", "2026-02-20T08:00:00Z", Map.of("documentNumber", sop, "version", "2.0"));
        assertThat(refused.path("decisions").findValuesAsText("kind")).contains("EFFECTIVITY_REFUSED");

        hub.complete(late, sop, "2.0", "2026-02-25T10:00:00Z", Map.of());
        JsonNode ready = hub.get("/api/documents/" + sop + "/versions/2.0/readiness");
        assertThat(ready.path("ready").asBoolean()).isTrue();
        assertThat(ready.path("jobFunctions").get(0).path("notQualifiedEmployeeIds")).isEmpty();
        JsonNode allowed = hub.apply("document.effectivity.requested", "2026-02-26T08:00:00Z", Map.of("documentNumber", sop, "version", "2.0"));
        assertThat(allowed.path("decisions").findValuesAsText("kind")).contains("EFFECTIVITY_ALLOWED").doesNotContain("EFFECTIVITY_REFUSED");
        // as of before the last completion, it was not ready
        assertThat(hub.get("/api/documents/" + sop + "/versions/2.0/readiness?at=2026-02-20T00:00:00Z").path("ready").asBoolean()).isFalse();
        assertThat(hub.getEntity("/api/documents/" + sop + "/versions/9.9/readiness").getStatusCode().value()).isEqualTo(404);
    }
}
