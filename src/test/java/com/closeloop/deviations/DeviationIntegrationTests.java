package com.closeloop.deviations;

import static com.closeloop.support.Hub.holds;
import static org.assertj.core.api.Assertions.assertThat;

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

/** SPEC §2.4: deviation training-gap analysis, every finding kind, as of the deviation's time. */
@IntegrationTest
class DeviationIntegrationTests {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    Hub hub;
    String cleaning;
    String sop;

    @BeforeEach
    void plant() {
        hub = new Hub(http, jdbc);
        cleaning = hub.jobFunction("CLEAN-OP");
        String lab = hub.jobFunction("LAB");
        sop = hub.id("SOP-1");
        hub.version(sop, "CRITICAL", "1.0", "MAJOR", "2026-01-15", "2026-01-02T09:00:00Z");
        hub.person(hub.id("CURRENT"), "ACTIVE", "2026-01-03T08:00:00Z", holds(cleaning, "2025-01-01"));
        hub.person(hub.id("SUPERSEDED"), "ACTIVE", "2026-01-03T08:00:00Z", holds(cleaning, "2025-01-01"));
        hub.person(hub.id("NEVER"), "ACTIVE", "2026-01-03T08:00:00Z", holds(cleaning, "2025-01-01"));
        hub.person(hub.id("OUTSIDE"), "ACTIVE", "2026-01-03T08:00:00Z", holds(lab, "2025-01-01"));
        hub.map(sop, cleaning, null, "2026-01-04T08:00:00Z");
        hub.complete(hub.id("CURRENT"), sop, "1.0", "2026-01-10T10:00:00Z", Map.of());
        hub.complete(hub.id("SUPERSEDED"), sop, "1.0", "2026-01-10T10:00:00Z", Map.of());
        hub.version(sop, "CRITICAL", "2.0", "MAJOR", "2026-03-01", "2026-02-10T09:00:00Z");
        hub.complete(hub.id("CURRENT"), sop, "2.0", "2026-02-20T10:00:00Z", Map.of());
    }

    @Test
    void everyFindingKindAsOfTheDeviationTime() {
        String deviation = hub.id("DEV");
        List<String> people = List.of(hub.id("CURRENT"), hub.id("NEVER"), hub.id("OUTSIDE"), hub.id("SUPERSEDED"));
        hub.apply("deviation.reported", null, Map.of("deviationId", deviation, "occurredAt", "2026-03-01T10:00:00Z",
                "involvedEmployeeIds", people, "documentNumbers", List.of(sop)));

        JsonNode gaps = hub.get("/api/deviations/" + deviation + "/training-gaps");
        assertThat(gaps).extracting(g -> g.path("employeeId").asText() + " " + g.path("finding").asText()).containsExactly(
                hub.id("CURRENT") + " CURRENT", hub.id("NEVER") + " NEVER_TRAINED", hub.id("OUTSIDE") + " NOT_IN_MATRIX",
                hub.id("SUPERSEDED") + " TRAINED_ON_SUPERSEDED_VERSION");
        assertThat(gaps).allSatisfy(g -> {
            assertThat(g.path("effectiveVersion").asText()).isEqualTo("2.0");
            assertThat(g.path("ruleSetVersion").asText()).hasSize(12);
        });
        assertThat(gaps.get(0).path("completedVersion").asText()).isEqualTo("2.0");
        assertThat(gaps.get(1).has("completedVersion")).isFalse();
    }

    @Test
    void anAssignmentPastDueAtTheDeviationTimeIsOverdueAndLaterCompletionsDoNotChangeThePast() {
        String deviation = hub.id("DEV-LATE");
        // 2.0 was due on 2026-03-01 (CRITICAL): on 2026-03-03 the open assignment was overdue.
        hub.complete(hub.id("NEVER"), sop, "2.0", "2026-03-04T10:00:00Z", Map.of());
        hub.apply("deviation.reported", null, Map.of("deviationId", deviation, "occurredAt", "2026-03-03T10:00:00Z",
                "involvedEmployeeIds", List.of(hub.id("SUPERSEDED"), hub.id("NEVER")), "documentNumbers", List.of(sop)));
        JsonNode gaps = hub.get("/api/deviations/" + deviation + "/training-gaps");
        assertThat(gaps).extracting(g -> g.path("finding").asText()).containsExactly("ASSIGNMENT_OVERDUE", "ASSIGNMENT_OVERDUE");
    }

    @Test
    void badDeviationsAreRefusedNamingTheField() {
        String deviation = hub.id("DEV-BAD");
        ResponseEntity<JsonNode> unknown = hub.post(Hub.event("deviation.reported", null, Map.of("deviationId", deviation,
                "occurredAt", "2026-03-03T10:00:00Z", "involvedEmployeeIds", List.of(hub.id("NOBODY")),
                "documentNumbers", List.of(sop, hub.id("NODOC")))));
        assertThat(unknown.getStatusCode().value()).isEqualTo(422);
        assertThat(unknown.getBody().path("errors").findValuesAsText("field"))
                .containsExactly("involvedEmployeeIds[0]", "documentNumbers[1]");
        ResponseEntity<JsonNode> future = hub.post(Hub.event("deviation.reported", null, Map.of("deviationId", deviation,
                "occurredAt", "2999-01-01T00:00:00Z", "involvedEmployeeIds", List.of(hub.id("NEVER")), "documentNumbers", List.of(sop))));
        assertThat(future.getStatusCode().value()).isEqualTo(400);
        assertThat(future.getBody().path("errors").get(0).path("field").asText()).isEqualTo("occurredAt");
        ResponseEntity<JsonNode> empty = hub.post(Hub.event("deviation.reported", null, Map.of("deviationId", deviation,
                "occurredAt", "2026-03-03T10:00:00Z", "involvedEmployeeIds", List.of(), "documentNumbers", List.of(sop))));
        assertThat(empty.getStatusCode().value()).isEqualTo(400);
        assertThat(hub.count("select count(*) from deviation where deviation_id = ?", deviation)).isZero();
        assertThat(hub.getEntity("/api/deviations/" + deviation + "/training-gaps").getStatusCode().value()).isEqualTo(404);

        hub.apply("deviation.reported", null, Map.of("deviationId", deviation, "occurredAt", "2026-03-03T10:00:00Z",
                "involvedEmployeeIds", List.of(hub.id("NEVER")), "documentNumbers", List.of(sop)));
        ResponseEntity<JsonNode> twice = hub.post(Hub.event("deviation.reported", null, Map.of("deviationId", deviation,
                "occurredAt", "2026-03-03T10:00:00Z", "involvedEmployeeIds", List.of(hub.id("NEVER")), "documentNumbers", List.of(sop))));
        assertThat(twice.getStatusCode().value()).isEqualTo(422);
    }
}
