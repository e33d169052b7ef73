package com.closeloop.capa;

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
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scenario 1, end to end (SPEC §2.3, §2.4): an operator followed a superseded cleaning SOP; gap analysis finds it;
 * a CAPA from the deviation retrains the cleaning job function; closure is refused until every operator holds a
 * completion that meets the action's ASSESSMENT ≥ 80; then it closes.
 */
@IntegrationTest
class CapaScenarioIntegrationTests {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    Hub hub;
    String cleaning;
    String sop;
    String o1;
    String o2;
    String o3;

    @BeforeEach
    void plant() {
        hub = new Hub(http, jdbc);
        cleaning = hub.jobFunction("MFG-CLEAN-OP");
        sop = hub.id("SOP-CL-001");
        o1 = hub.id("OP1");
        o2 = hub.id("OP2");
        o3 = hub.id("OP3");
        hub.version(sop, "CRITICAL", "1.0", "MAJOR", "2026-01-15", "2026-01-02T09:00:00Z");
        for (String o : List.of(o1, o2, o3)) {
            hub.person(o, "ACTIVE", "2026-01-03T08:00:00Z", holds(cleaning, "2025-01-01"));
        }
        hub.map(sop, cleaning, null, "2026-01-04T08:00:00Z");
        for (String o : List.of(o1, o2, o3)) {
            hub.complete(o, sop, "1.0", "2026-01-10T10:00:00Z", Map.of());
        }
        hub.version(sop, "CRITICAL", "2.0", "MAJOR", "2026-03-01", "2026-02-10T09:00:00Z");
        hub.complete(o1, sop, "2.0", "2026-02-25T10:00:00Z", Map.of());
    }

    @Test
    void deviationToGapToCapaToRefusedClosureToCompletionsToClosedCapa() {
        // 1. The deviation: OP2 cleaned line 3 following version 1.0 on the day 2.0 took effect.
        String deviation = hub.id("DEV-1");
        JsonNode reported = hub.apply("deviation.reported", "2026-03-01T12:00:00Z", Map.of("deviationId", deviation,
                "occurredAt", "2026-03-01T10:00:00Z", "description", "Line 3 cleaned per superseded SOP",
                "involvedEmployeeIds", List.of(o1, o2), "documentNumbers", List.of(sop)));
        assertThat(reported.path("decisions").findValuesAsText("detail")).containsExactly("CURRENT", "TRAINED_ON_SUPERSEDED_VERSION");

        // 2. Gap analysis finds OP2 trained on the superseded version.
        JsonNode gaps = hub.get("/api/deviations/" + deviation + "/training-gaps");
        assertThat(gaps).hasSize(2);
        JsonNode op2 = gaps.get(1);
        assertThat(op2.path("employeeId").asText()).isEqualTo(o2);
        assertThat(op2.path("finding").asText()).isEqualTo("TRAINED_ON_SUPERSEDED_VERSION");
        assertThat(op2.path("effectiveVersion").asText()).isEqualTo("2.0");
        assertThat(op2.path("completedVersion").asText()).isEqualTo("1.0");
        assertThat(op2.path("completedAt").asText()).isEqualTo("2026-01-10T10:00:00Z");
        assertThat(op2.path("ruleName").asText()).isEqualTo("Gap: trained only on a superseded version");
        assertThat(gaps.get(0).path("finding").asText()).isEqualTo("CURRENT");

        // 3. CAPA opened from the deviation, with a training action on the current version for the cleaning function.
        String capa = hub.id("CAPA-1");
        hub.apply("capa.opened", "2026-03-02T08:00:00Z", Map.of("capaId", capa, "title", "Retrain line 3 cleaning",
                "deviationId", deviation, "rootCauseCategory", "TRAINING"));
        JsonNode added = hub.apply("capa.training-action.added", "2026-03-02T09:00:00Z", Map.of("capaId", capa, "actionId", "A1",
                "documentNumber", sop, "jobFunctionCodes", List.of(cleaning), "dueDate", "2026-03-20",
                "verification", Map.of("kind", "ASSESSMENT", "minScore", 80)));

        // 4. Assignments: OP1 (who already completed 2.0) gets a CAPA assignment; OP2 and OP3's open 2.0 assignments are linked.
        assertThat(added.path("decisions").findValuesAsText("kind")).containsExactlyInAnyOrder("ASSIGN", "LINK", "LINK");
        JsonNode open1 = hub.assignments(o1, "OPEN");
        assertThat(open1).hasSize(1);
        assertThat(open1.get(0).path("reason").asText()).isEqualTo("CAPA " + capa + "/A1");
        assertThat(open1.get(0).path("version").asText()).isEqualTo("2.0");
        assertThat(open1.get(0).path("dueDate").asText()).isEqualTo("2026-03-20");
        assertThat(hub.get("/api/deviations/" + deviation).path("capaIds").get(0).asText()).isEqualTo(capa);

        JsonNode state = hub.get("/api/capas/" + capa);
        assertThat(state.path("status").asText()).isEqualTo("OPEN");
        assertThat(state.path("deviationId").asText()).isEqualTo(deviation);
        JsonNode action = state.path("actions").get(0);
        assertThat(action.path("assigned").asInt()).isEqualTo(3);
        assertThat(action.path("completed").asInt()).isZero();
        assertThat(action.path("verification").path("kind").asText()).isEqualTo("ASSESSMENT");
        assertThat(state.path("closure").path("allowed").asBoolean()).isFalse();

        // 5. Closure refused, listing the untrained operators.
        JsonNode refused = requestClosure(capa, "2026-03-03T08:00:00Z");
        JsonNode decision = decision(refused, "CLOSURE_REFUSED");
        assertThat(decision.path("reasons")).hasSize(1);
        assertThat(decision.path("reasons").get(0).asText()).contains("action A1").contains(o1).contains(o2).contains(o3);
        assertThat(decision.path("ruleName").asText()).isEqualTo("CAPA closure refused while any training action lacks evidence");
        assertThat(refused.path("decisions").findValuesAsText("kind")).filteredOn("EVIDENCE_GAP"::equals).hasSize(3);
        assertThat(hub.get("/api/capas/" + capa).path("status").asText()).isEqualTo("OPEN");

        // 6. Completions: OP2 fails the assessment.
        hub.complete(o1, sop, "2.0", "2026-03-05T10:00:00Z", Map.of("method", "ASSESSMENT", "score", 90));
        hub.complete(o2, sop, "2.0", "2026-03-05T11:00:00Z", Map.of("method", "ASSESSMENT", "score", 70));
        hub.complete(o3, sop, "2.0", "2026-03-05T12:00:00Z", Map.of("method", "ASSESSMENT", "score", 85));
        action = hub.get("/api/capas/" + capa).path("actions").get(0);
        assertThat(action.path("completed").asInt()).isEqualTo(3);
        assertThat(action.path("verified").asInt()).isEqualTo(2);

        // 7. Still refused, naming OP2 alone.
        decision = decision(requestClosure(capa, "2026-03-06T08:00:00Z"), "CLOSURE_REFUSED");
        assertThat(decision.path("reasons")).hasSize(1);
        assertThat(decision.path("reasons").get(0).asText()).contains("at least 80").endsWith("— " + o2);

        // 8. OP2 passes; closure allowed; the CAPA is closed with who asked and when.
        hub.complete(o2, sop, "2.0", "2026-03-07T10:00:00Z", Map.of("method", "ASSESSMENT", "score", 88));
        decision(requestClosure(capa, "2026-03-08T08:00:00Z"), "CLOSURE_ALLOWED");
        JsonNode closed = hub.get("/api/capas/" + capa);
        assertThat(closed.path("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("closedBy").asText()).isEqualTo("qa.lead");
        assertThat(closed.path("closedAt").asText()).isEqualTo("2026-03-08T08:00:00Z");
        assertThat(closed.path("actions").get(0).path("verified").asInt()).isEqualTo(3);

        // Refusals are recorded too.
        assertThat(hub.count("select count(*) from decision_record where kind = 'CLOSURE_REFUSED' and detail like ?", "%" + o2 + "%"))
                .isEqualTo(2);

        // A closed CAPA takes no new actions and no second closure.
        var late = hub.post(Hub.event("capa.training-action.added", "2026-03-09T08:00:00Z", Map.of("capaId", capa, "actionId", "A2",
                "documentNumber", sop, "employeeIds", List.of(o1), "dueDate", "2026-04-01")));
        assertThat(late.getStatusCode().value()).isEqualTo(422);
        assertThat(late.getBody().path("errors").get(0).path("field").asText()).isEqualTo("capaId");
        assertThat(late.getBody().path("errors").get(0).path("message").asText()).contains("closed");
        var again = hub.post(Hub.event("capa.closure.requested", null, Map.of("capaId", capa, "requestedBy", "qa.lead")));
        assertThat(again.getStatusCode().value()).isEqualTo(422);
    }

    private JsonNode requestClosure(String capa, String time) {
        return hub.apply("capa.closure.requested", time, Map.of("capaId", capa, "requestedBy", "qa.lead"));
    }

    static JsonNode decision(JsonNode outcome, String kind) {
        for (JsonNode d : outcome.path("decisions")) {
            if (kind.equals(d.path("kind").asText())) {
                return d;
            }
        }
        throw new AssertionError("no " + kind + " in " + outcome);
    }
}
