package com.closeloop.training;

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
import org.springframework.jdbc.core.JdbcTemplate;

/** SPEC §2.2: the qualification gate, now and as of any past instant. */
@IntegrationTest
class QualificationIntegrationTests {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    Hub hub;
    String cleaning;
    String sop;
    String e1;

    @BeforeEach
    void plant() {
        hub = new Hub(http, jdbc);
        cleaning = hub.jobFunction("CLEAN-OP");
        sop = hub.id("SOP-CL-001");
        e1 = hub.id("E1");
        hub.version(sop, "CRITICAL", "1.0", "MAJOR", "2026-01-15", "2026-01-02T09:00:00Z");
        hub.person(e1, "ACTIVE", "2026-01-03T08:00:00Z", holds(cleaning, "2025-01-01"));
        hub.map(sop, cleaning, null, "2026-01-04T08:00:00Z");
    }

    @Test
    void notQualifiedBeforeCompletionQualifiedAfterAndAsOfQueriesAnswerWhatWasTrueThen() {
        JsonNode before = hub.qualification(e1, sop, "2026-01-20T12:00:00Z");
        assertThat(before.path("qualified").asBoolean()).isFalse();
        assertThat(before.path("reason").asText()).isEqualTo("NEVER_TRAINED");
        assertThat(before.path("requiredVersion").asText()).isEqualTo("1.0");
        assertThat(before.path("openAssignment").path("overdue").asBoolean()).isTrue(); // due 2026-01-18

        hub.complete(e1, sop, "1.0", "2026-01-25T10:00:00Z", Map.of());

        JsonNode after = hub.qualification(e1, sop, "2026-01-26T00:00:00Z");
        assertThat(after.path("qualified").asBoolean()).isTrue();
        assertThat(after.path("reason").asText()).isEqualTo("CURRENT");
        assertThat(after.path("completedVersion").asText()).isEqualTo("1.0");
        assertThat(after.path("completedAt").asText()).isEqualTo("2026-01-25T10:00:00Z");
        assertThat(after.has("openAssignment")).isFalse();

        // As of a past instant, before the completion: the answer that was true then.
        JsonNode then = hub.qualification(e1, sop, "2026-01-25T09:59:59Z");
        assertThat(then.path("qualified").asBoolean()).isFalse();
        assertThat(then.path("reason").asText()).isEqualTo("NEVER_TRAINED");
        assertThat(then.path("openAssignment").path("version").asText()).isEqualTo("1.0");

        // A MAJOR revision effective 2026-03-01: qualified until then, not after, until completed.
        hub.version(sop, "CRITICAL", "2.0", "MAJOR", "2026-03-01", "2026-02-10T09:00:00Z");
        assertThat(hub.qualification(e1, sop, "2026-02-28T23:59:59Z").path("qualified").asBoolean()).isTrue();
        JsonNode revised = hub.qualification(e1, sop, "2026-03-01T00:00:00Z");
        assertThat(revised.path("qualified").asBoolean()).isFalse();
        assertThat(revised.path("reason").asText()).isEqualTo("REQUIRED_VERSION_NOT_COMPLETED");
        assertThat(revised.path("requiredVersion").asText()).isEqualTo("2.0");
        assertThat(revised.path("completedVersion").asText()).isEqualTo("1.0");

        hub.complete(e1, sop, "2.0", "2026-03-02T08:00:00Z", Map.of());
        assertThat(hub.qualification(e1, sop, "2026-03-02T09:00:00Z").path("qualified").asBoolean()).isTrue();
        assertThat(hub.qualification(e1, sop, "2026-03-01T12:00:00Z").path("qualified").asBoolean()).isFalse();
        assertThat(hub.qualification(e1, sop, "2026-02-01T12:00:00Z").path("qualified").asBoolean()).isTrue();
    }

    @Test
    void aRevisionThatNeedsNoRetrainingKeepsTheEarlierCompletionSufficient() {
        hub.complete(e1, sop, "1.0", "2026-01-10T10:00:00Z", Map.of());
        hub.version(sop, "CRITICAL", "1.0.1", "ADMINISTRATIVE", "2026-03-01", "2026-02-10T09:00:00Z");
        JsonNode answer = hub.qualification(e1, sop, "2026-03-05T00:00:00Z");
        assertThat(answer.path("qualified").asBoolean()).isTrue();
        assertThat(answer.path("requiredVersion").asText()).isEqualTo("1.0");
    }

    @Test
    void aRevisionThatRetrainsNobodyRePointsTheOpenAssignmentAndItsCompletionCompletesIt() {
        JsonNode open = hub.assignments(e1, "OPEN").get(0);
        hub.version(sop, "CRITICAL", "2.0", "ADMINISTRATIVE", "2026-03-01", "2026-02-10T09:00:00Z");
        assertThat(hub.assignments(e1, "SUPERSEDED").get(0).path("version").asText()).isEqualTo("1.0");
        JsonNode repointed = hub.assignments(e1, "OPEN").get(0);
        assertThat(repointed.path("version").asText()).isEqualTo("2.0");
        assertThat(repointed.path("dueDate").asText()).isEqualTo(open.path("dueDate").asText());
        assertThat(repointed.path("extended").asBoolean()).isFalse();
        hub.complete(e1, sop, "2.0", "2026-03-02T08:00:00Z", Map.of());
        assertThat(hub.assignments(e1, "OPEN")).isEmpty();
        assertThat(hub.assignments(e1, "COMPLETED").get(0).path("version").asText()).isEqualTo("2.0");
    }

    @Test
    void someoneOutsideTheMatrixIsNotQualified() {
        String other = hub.id("E-OTHER");
        hub.person(other, "ACTIVE", "2026-01-03T08:00:00Z");
        JsonNode answer = hub.qualification(other, sop, "2026-02-01T00:00:00Z");
        assertThat(answer.path("qualified").asBoolean()).isFalse();
        assertThat(answer.path("reason").asText()).isEqualTo("NOT_IN_MATRIX");
        // Before the job function was mapped, e1 was outside the matrix too.
        assertThat(hub.qualification(e1, sop, "2026-01-03T12:00:00Z").path("reason").asText()).isEqualTo("NOT_IN_MATRIX");
    }

    @Test
    void anAssessmentBelowThePassMarkIsKeptButDoesNotQualifyAndALaterPassDoes() {
        String assessed = hub.jobFunction("ASSESSED");
        String doc = hub.id("SOP-ASSESS");
        String e = hub.id("E-ASSESS");
        hub.version(doc, "STANDARD", "1.0", "MAJOR", "2026-01-15", "2026-01-02T09:00:00Z");
        hub.person(e, "ACTIVE", "2026-01-03T08:00:00Z", holds(assessed, "2025-01-01"));
        hub.map(doc, assessed, "ASSESSMENT", "2026-01-04T08:00:00Z");

        JsonNode failing = hub.complete(e, doc, "1.0", "2026-01-20T10:00:00Z", Map.of("method", "ASSESSMENT", "score", 70));
        assertThat(failing.path("decisions").findValuesAsText("kind")).containsExactly("COMPLETION_NOT_COUNTED");
        assertThat(hub.assignments(e, "OPEN")).hasSize(1);
        JsonNode answer = hub.qualification(e, doc, "2026-01-21T00:00:00Z");
        assertThat(answer.path("reason").asText()).isEqualTo("EVIDENCE_INSUFFICIENT");
        assertThat(answer.path("detail").asText()).contains("80");

        JsonNode passing = hub.complete(e, doc, "1.0", "2026-01-22T10:00:00Z", Map.of("method", "ASSESSMENT", "score", 80));
        assertThat(passing.path("decisions").findValuesAsText("kind")).containsExactly("COMPLETE", "COMPLETION_COUNTS");
        assertThat(hub.assignments(e, "OPEN")).isEmpty();
        assertThat(hub.qualification(e, doc, "2026-01-23T00:00:00Z").path("reason").asText()).isEqualTo("CURRENT");
        assertThat(hub.count("select count(*) from training_completion where employee_id = ?", e)).isEqualTo(2);
    }

    @Test
    void terminatedEmployeesAreNotQualifiedAfterTermination() {
        hub.complete(e1, sop, "1.0", "2026-01-10T10:00:00Z", Map.of());
        hub.person(e1, "TERMINATED", "2026-02-01T08:00:00Z", holds(cleaning, "2025-01-01", "2026-01-31"));
        assertThat(hub.qualification(e1, sop, "2026-01-20T00:00:00Z").path("qualified").asBoolean()).isTrue();
        assertThat(hub.qualification(e1, sop, "2026-02-02T00:00:00Z").path("reason").asText()).isEqualTo("NOT_IN_MATRIX");
    }

    @Test
    void unknownEmployeeOrDocumentIs404AndABadInstantIs400() {
        assertThat(hub.getEntity("/api/qualification?employeeId=" + hub.id("NOBODY") + "&documentNumber=" + sop)
                .getStatusCode().value()).isEqualTo(404);
        assertThat(hub.getEntity("/api/qualification?employeeId=" + e1 + "&documentNumber=" + hub.id("NODOC"))
                .getStatusCode().value()).isEqualTo(404);
        var bad = hub.getEntity("/api/qualification?employeeId=" + e1 + "&documentNumber=" + sop + "&at=yesterday");
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(hub.getEntity("/api/employees/" + e1 + "/assignments?status=LOST").getStatusCode().value()).isEqualTo(400);
        assertThat(hub.getEntity("/api/employees/" + hub.id("NOBODY") + "/assignments").getStatusCode().value()).isEqualTo(404);
    }
}
