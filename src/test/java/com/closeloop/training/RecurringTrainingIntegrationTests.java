package com.closeloop.training;

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

/**
 * Recurring training driven by posting {@code closeloop.clock.ticked} for chosen days (never by waiting): a 12-month item
 * completed on 2025-01-10 is reassigned on the tick of 2025-12-11, due 2026-01-10; qualification lapses to EXPIRED the
 * day after and comes back with a new completion; ticking a day twice changes nothing.
 */
@IntegrationTest
class RecurringTrainingIntegrationTests {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    Hub hub;
    String gmp;
    String e1;
    String qc;

    @BeforeEach
    void plant() {
        hub = new Hub(http, jdbc);
        qc = hub.jobFunction("QC");
        gmp = hub.id("GMP");
        e1 = hub.id("E1");
        hub.version(gmp, "STANDARD", "1.0", "MAJOR", "2024-12-01", "2024-11-01T09:00:00Z");
        hub.person(e1, "ACTIVE", "2024-11-02T08:00:00Z", holds(qc, "2024-01-01"));
        Map<String, Object> entry = new LinkedHashMap<>(Map.of("documentNumber", gmp, "jobFunctionCode", qc, "retrainEveryMonths", 12));
        hub.apply("matrix.entry.upserted", "2024-11-03T08:00:00Z", entry);
        hub.complete(e1, gmp, "1.0", "2025-01-10T10:00:00Z", Map.of());
    }

    private JsonNode tick(String date) {
        return hub.apply("clock.ticked", date + "T00:05:00Z", Map.of("date", date));
    }

    private List<JsonNode> periodic() {
        List<JsonNode> found = new java.util.ArrayList<>();
        hub.assignments(e1).forEach(a -> {
            if (a.path("reason").asText().equals("PERIODIC")) {
                found.add(a);
            }
        });
        return found;
    }

    @Test
    void aTwelveMonthItemIsReassignedThirtyDaysBeforeItLapsesAndQualificationExpiresWithoutANewCompletion() {
        tick("2025-12-10");
        assertThat(periodic()).isEmpty();

        JsonNode outcome = tick("2025-12-11");
        // a tick is plant-wide: other tests' employees share this database, so look at this test's employee only
        List<String> mine = new java.util.ArrayList<>();
        outcome.path("decisions").forEach(d -> {
            if (d.path("employeeId").asText().equals(e1)) {
                mine.add(d.path("kind").asText() + " " + d.path("ruleName").asText());
            }
        });
        assertThat(mine).containsExactly("ASSIGN Periodic retraining: assigned 30 days before the completion lapses");
        List<JsonNode> assigned = periodic();
        assertThat(assigned).hasSize(1);
        assertThat(assigned.get(0).path("dueDate").asText()).isEqualTo("2026-01-10");
        assertThat(assigned.get(0).path("version").asText()).isEqualTo("1.0");
        assertThat(assigned.get(0).path("status").asText()).isEqualTo("OPEN");
        assertThat(assigned.get(0).path("assignedAt").asText()).isEqualTo("2025-12-11T00:05:00Z");

        // the same day again (another event id: a replay) and the next day add nothing
        tick("2025-12-11");
        tick("2025-12-12");
        assertThat(periodic()).hasSize(1);
        // ... and the very same event is a duplicate
        Map<String, Object> same = Hub.event("clock.ticked", "2025-12-13T00:05:00Z", Map.of("date", "2025-12-13"));
        assertThat(hub.post(same).getStatusCode().value()).isEqualTo(202);
        ResponseEntity<JsonNode> again = hub.post(same);
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody().path("status").asText()).isEqualTo("DUPLICATE");

        JsonNode before = hub.qualification(e1, gmp, "2026-01-09T12:00:00Z");
        assertThat(before.path("qualified").asBoolean()).isTrue();
        assertThat(before.path("reason").asText()).isEqualTo("CURRENT");
        assertThat(hub.qualification(e1, gmp, "2026-01-10T23:00:00Z").path("qualified").asBoolean()).isTrue(); // through C + 12 months
        JsonNode lapsed = hub.qualification(e1, gmp, "2026-01-11T08:00:00Z");
        assertThat(lapsed.path("qualified").asBoolean()).isFalse();
        assertThat(lapsed.path("reason").asText()).isEqualTo("EXPIRED");
        assertThat(lapsed.path("completedAt").asText()).isEqualTo("2025-01-10T10:00:00Z");

        hub.complete(e1, gmp, "1.0", "2026-01-12T10:00:00Z", Map.of());
        assertThat(periodic().get(0).path("status").asText()).isEqualTo("COMPLETED");
        JsonNode renewed = hub.qualification(e1, gmp, "2026-01-13T08:00:00Z");
        assertThat(renewed.path("qualified").asBoolean()).isTrue();
        assertThat(renewed.path("reason").asText()).isEqualTo("CURRENT");
        // as-of: the lapse is still visible in the past
        assertThat(hub.qualification(e1, gmp, "2026-01-11T08:00:00Z").path("reason").asText()).isEqualTo("EXPIRED");
    }

    @Test
    void anAssessmentBelowThePassMarkDoesNotCompleteThePeriodicAssignment() {
        hub.apply("matrix.entry.upserted", "2025-06-01T08:00:00Z", Map.of("documentNumber", gmp, "jobFunctionCode", qc,
                "retrainEveryMonths", 12, "trainingMethod", "ASSESSMENT"));
        tick("2025-12-11");
        assertThat(periodic()).hasSize(1);
        hub.complete(e1, gmp, "1.0", "2025-12-20T10:00:00Z", Map.of("method", "ASSESSMENT", "score", 70));
        assertThat(periodic().get(0).path("status").asText()).isEqualTo("OPEN");
        assertThat(hub.qualification(e1, gmp, "2026-01-11T08:00:00Z").path("reason").asText()).isEqualTo("EXPIRED");
        hub.complete(e1, gmp, "1.0", "2025-12-21T10:00:00Z", Map.of("method", "ASSESSMENT", "score", 85));
        assertThat(periodic().get(0).path("status").asText()).isEqualTo("COMPLETED");
        assertThat(hub.qualification(e1, gmp, "2026-01-11T08:00:00Z").path("reason").asText()).isEqualTo("CURRENT");
    }

    @Autowired
    com.closeloop.clock.ClockTicks scheduler;

    @Autowired
    org.apache.camel.CamelContext camel;

    @Test
    void theSchedulerTicksEachDayOnceAfterTheTickTimeAndCatchesUpMissedDaysInOrder() {
        // the YAML route is loaded (switched off in tests: it would tick the real today into the shared database)
        assertThat(camel.getRoute("closeloop-daily-tick")).isNotNull();
        // nothing ticked by the scheduler yet: before 00:05 plant time it is yesterday's tick that is due
        List<String> first = scheduler.dueAt(java.time.Instant.parse("2026-03-10T00:04:00Z"));
        assertThat(first).hasSize(1);
        JsonNode tick = read(first.get(0));
        assertThat(tick.path("id").asText()).isEqualTo("2026-03-09");
        assertThat(tick.path("source").asText()).isEqualTo("closeloop:scheduler");
        assertThat(tick.path("data").path("date").asText()).isEqualTo("2026-03-09");
        assertThat(hub.postRaw(first.get(0), "application/cloudevents+json").getStatusCode().value()).isEqualTo(202);
        // a second node posting the same day's tick is a duplicate: the day is applied once
        assertThat(hub.postRaw(first.get(0), "application/cloudevents+json").getBody().path("status").asText()).isEqualTo("DUPLICATE");
        assertThat(scheduler.dueAt(java.time.Instant.parse("2026-03-10T00:04:00Z"))).isEmpty();

        // down for two days: the next start ticks each missed day, oldest first
        List<String> missed = scheduler.dueAt(java.time.Instant.parse("2026-03-12T08:00:00Z"));
        assertThat(missed.stream().map(e -> read(e).path("id").asText())).containsExactly("2026-03-10", "2026-03-11", "2026-03-12");
        assertThat(read(missed.get(0)).path("time").asText()).isEqualTo("2026-03-10T00:05:00Z");
        missed.forEach(e -> assertThat(hub.postRaw(e, "application/cloudevents+json").getStatusCode().value()).isEqualTo(202));

        // a long outage is caught up for at most closeloop.clock.catch-up-days (31)
        List<String> bounded = scheduler.dueAt(java.time.Instant.parse("2026-06-01T08:00:00Z"));
        assertThat(bounded).hasSize(31);
        assertThat(read(bounded.get(0)).path("id").asText()).isEqualTo("2026-05-02");
        assertThat(read(bounded.get(30)).path("id").asText()).isEqualTo("2026-06-01");

        // the route calls the bean the way Camel binds it (method "due", an empty body): it must pick due() with the real
        // clock (an overload taking an Instant was once chosen with a null body and every scheduled tick failed)
        List<?> viaCamel = camel.createProducerTemplate().requestBody("bean:clockTicks?method=due", null, List.class);
        assertThat(viaCamel).isNotEmpty();
        assertThat(read((String) viaCamel.get(viaCamel.size() - 1)).path("id").asText())
                .isIn(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(),
                        java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString());
    }

    private static JsonNode read(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void badTicksAreRefusedNamingTheDate() {
        ResponseEntity<JsonNode> missing = hub.post(Hub.event("clock.ticked", null, Map.of()));
        assertThat(missing.getStatusCode().value()).isEqualTo(400);
        assertThat(missing.getBody().path("errors").get(0).path("field").asText()).isEqualTo("date");
        ResponseEntity<JsonNode> future = hub.post(Hub.event("clock.ticked", null, Map.of("date", "2099-01-01")));
        assertThat(future.getStatusCode().value()).isEqualTo(422);
        assertThat(future.getBody().path("errors").get(0).path("field").asText()).isEqualTo("date");
    }
}
