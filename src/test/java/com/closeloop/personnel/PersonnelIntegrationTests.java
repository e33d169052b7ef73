package com.closeloop.personnel;

import static com.closeloop.support.Hub.holds;
import static org.assertj.core.api.Assertions.assertThat;

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

/** SPEC §2 "Personnel changes are quality events too": onboarding, role change, termination. */
@IntegrationTest
class PersonnelIntegrationTests {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    Hub hub;
    String cleaning;
    String packing;
    String critical;
    String standard;

    @BeforeEach
    void plant() {
        hub = new Hub(http, jdbc);
        cleaning = hub.jobFunction("CLEAN-OP");
        packing = hub.jobFunction("PACK-OP");
        critical = hub.id("SOP-CL-001");
        standard = hub.id("SOP-GMP-004");
        hub.version(critical, "CRITICAL", "1.0", "MAJOR", "2026-01-15", "2026-01-02T09:00:00Z");
        hub.version(critical, "CRITICAL", "2.0", "MAJOR", "2026-03-01", "2026-02-01T09:00:00Z");
        hub.version(critical, "CRITICAL", "3.0", "MAJOR", "2026-09-01", "2026-02-02T09:00:00Z");
        hub.version(standard, "STANDARD", "1.0", "MAJOR", "2026-01-10", "2026-01-02T09:00:00Z");
        hub.map(critical, cleaning, null, "2026-01-04T08:00:00Z");
        hub.map(standard, cleaning, null, "2026-01-04T08:00:00Z");
        hub.map(standard, packing, null, "2026-01-04T08:00:00Z");
    }

    @Test
    void aNewHireGetsOnboardingAssignmentsForEveryDocumentOfTheFunction() {
        String e = hub.id("E-NEW");
        JsonNode outcome = hub.person(e, "ACTIVE", "2026-04-01T08:00:00Z", holds(cleaning, "2026-04-06"));

        JsonNode open = hub.assignments(e, "OPEN");
        assertThat(open).hasSize(2);
        // Version effective on the later of `from` (2026-04-06) and the event date: 2.0; due from + 14 (CRITICAL) / + 30.
        assertThat(open.get(0).path("documentNumber").asText()).isEqualTo(critical);
        assertThat(open.get(0).path("version").asText()).isEqualTo("2.0");
        assertThat(open.get(0).path("dueDate").asText()).isEqualTo("2026-04-20");
        assertThat(open.get(0).path("reason").asText()).isEqualTo("NEW_HIRE");
        assertThat(open.get(0).path("ruleName").asText()).isEqualTo("New job function: CRITICAL documents due 14 days after start");
        assertThat(open.get(1).path("documentNumber").asText()).isEqualTo(standard);
        assertThat(open.get(1).path("dueDate").asText()).isEqualTo("2026-05-06");
        assertThat(outcome.path("decisions").findValuesAsText("kind")).containsOnly("ASSIGN");
    }

    @Test
    void aRoleChangeAssignsOnlyWhatTheNewFunctionAddsAndNothingAlreadyCompleted() {
        String e = hub.id("E-MOVER");
        hub.person(e, "ACTIVE", "2026-04-01T08:00:00Z", holds(packing, "2025-01-01"));
        hub.complete(e, standard, "1.0", "2026-04-02T08:00:00Z", Map.of());
        assertThat(hub.assignments(e, "OPEN")).isEmpty();

        hub.person(e, "ACTIVE", "2026-05-01T08:00:00Z", holds(packing, "2025-01-01"), holds(cleaning, "2026-05-04"));

        JsonNode open = hub.assignments(e, "OPEN");
        assertThat(open).hasSize(1); // the GMP SOP is already completed
        assertThat(open.get(0).path("documentNumber").asText()).isEqualTo(critical);
        assertThat(open.get(0).path("reason").asText()).isEqualTo("NEW_JOB_FUNCTION");
        assertThat(open.get(0).path("dueDate").asText()).isEqualTo("2026-05-18");
    }

    @Test
    void aFutureStartIsAssignedTheVersionEffectiveOnTheStartDate() {
        String e = hub.id("E-FUTURE");
        hub.person(e, "ACTIVE", "2026-04-01T08:00:00Z", holds(cleaning, "2026-10-01"));
        JsonNode critical3 = hub.assignments(e, "OPEN").get(0);
        assertThat(critical3.path("version").asText()).isEqualTo("3.0");
        assertThat(critical3.path("dueDate").asText()).isEqualTo("2026-10-15");
    }

    @Test
    void resendingTheSameRecordAssignsNothingNew() {
        String e = hub.id("E-SAME");
        hub.person(e, "ACTIVE", "2026-04-01T08:00:00Z", holds(cleaning, "2026-04-06"));
        JsonNode again = hub.person(e, "ACTIVE", "2026-04-02T08:00:00Z", holds(cleaning, "2026-04-06"));
        assertThat(again.path("decisions")).isEmpty();
        assertThat(hub.assignments(e)).hasSize(2);
    }

    @Test
    void terminationCancelsOpenAssignments() {
        String e = hub.id("E-LEAVER");
        hub.person(e, "ACTIVE", "2026-04-01T08:00:00Z", holds(cleaning, "2026-04-06"));
        assertThat(hub.assignments(e, "OPEN")).hasSize(2);

        JsonNode outcome = hub.person(e, "TERMINATED", "2026-04-10T08:00:00Z", holds(cleaning, "2026-04-06", "2026-04-10"));

        assertThat(hub.assignments(e, "OPEN")).isEmpty();
        JsonNode cancelled = hub.assignments(e, "CANCELLED");
        assertThat(cancelled).hasSize(2);
        assertThat(cancelled.get(0).path("closedReason").asText()).isEqualTo("employee terminated");
        assertThat(outcome.path("decisions").findValuesAsText("ruleName")).containsOnly("Termination cancels open assignments");
        // A revision after termination does not assign the terminated employee.
        hub.version(critical, "CRITICAL", "4.0", "MAJOR", "2026-10-01", "2026-05-01T09:00:00Z");
        assertThat(hub.assignments(e, "OPEN")).isEmpty();
    }

    @Test
    void losingTheLastMappedFunctionCancelsOnlyTheDocumentsNoLongerMapped() {
        String e = hub.id("E-SHIFT");
        hub.person(e, "ACTIVE", "2026-04-01T08:00:00Z", holds(cleaning, "2026-04-06"));
        assertThat(hub.assignments(e, "OPEN")).hasSize(2);

        // Moves from cleaning to packing: the CRITICAL cleaning SOP is no longer mapped, the GMP SOP still is.
        JsonNode outcome = hub.person(e, "ACTIVE", "2026-04-10T08:00:00Z", holds(packing, "2026-04-10"));

        JsonNode open = hub.assignments(e, "OPEN");
        assertThat(open).hasSize(1);
        assertThat(open.get(0).path("documentNumber").asText()).isEqualTo(standard);
        JsonNode cancelled = hub.assignments(e, "CANCELLED");
        assertThat(cancelled).hasSize(1);
        assertThat(cancelled.get(0).path("documentNumber").asText()).isEqualTo(critical);
        assertThat(outcome.path("decisions").findValuesAsText("ruleName"))
                .containsOnly("Losing the last mapped job function cancels open assignments");
    }

    @Test
    void holdingsHrNoLongerSendsAreRetractedNotDeleted() {
        String e = hub.id("E-HIST");
        hub.person(e, "ACTIVE", "2026-04-01T08:00:00Z", holds(cleaning, "2026-04-06"));
        hub.person(e, "ACTIVE", "2026-04-10T08:00:00Z", holds(packing, "2026-04-10"));
        assertThat(hub.count("select count(*) from job_function_holding where employee_id = ?", e)).isEqualTo(2);
        assertThat(hub.count("select count(*) from job_function_holding where employee_id = ? and retracted_at is not null", e))
                .isEqualTo(1);
    }

    @Test
    void unknownJobFunctionsAreRefusedNamingEachAndNothingIsStored() {
        String e = hub.id("E-BAD");
        ResponseEntity<JsonNode> response = hub.post(Hub.event("personnel.upserted", null, Map.of("employeeId", e, "name", "X",
                "status", "ACTIVE", "jobFunctions", java.util.List.of(Map.of("code", cleaning, "from", "2026-01-01"),
                        Map.of("code", hub.id("NOPE"), "from", "2026-01-01")))));
        assertThat(response.getStatusCode().value()).isEqualTo(422);
        assertThat(response.getBody().path("errors").get(0).path("field").asText()).isEqualTo("jobFunctions[1].code");
        assertThat(hub.count("select count(*) from employee where employee_id = ?", e)).isZero();
    }
}
