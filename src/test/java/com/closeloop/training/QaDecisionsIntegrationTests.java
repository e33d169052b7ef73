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
 * QA decisions over the rules (SPEC §2b, §4a): training-impact verdicts, implementation periods, exemptions, equivalence
 * and due-date extensions, end to end through the event path, the assignment and qualification queries and the report.
 */
@IntegrationTest
class QaDecisionsIntegrationTests {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    Hub hub;
    String op;
    String e1;
    String e2;

    @BeforeEach
    void plant() {
        hub = new Hub(http, jdbc);
        op = hub.jobFunction("OP");
        e1 = hub.id("E1");
        e2 = hub.id("E2");
        hub.person(e1, "ACTIVE", "2026-01-03T08:00:00Z", holds(op, "2025-01-01"));
        hub.person(e2, "ACTIVE", "2026-01-03T08:00:00Z", holds(op, "2025-01-01"));
    }

    private String criticalSop(String name) {
        String sop = hub.id(name);
        hub.version(sop, "CRITICAL", "1.0", "MAJOR", "2026-01-15", "2026-01-05T09:00:00Z");
        hub.map(sop, op, null, "2026-01-06T08:00:00Z");
        return sop;
    }

    private JsonNode revise(String sop, String category, String version, String changeType, String effective, String time,
            Map<String, Object> extra) {
        Map<String, Object> data = new LinkedHashMap<>(Map.of("documentNumber", sop, "title", "Title of " + sop, "category", category,
                "version", version, "changeType", changeType, "effectiveDate", effective));
        data.putAll(extra);
        return hub.apply("document.version.approved", time, data);
    }

    private static Map<String, Object> verdict(String verdict) {
        return Map.of("trainingImpact", Map.of("verdict", verdict, "reason", "QA impact assessment CC-7", "decidedBy", "qa.lead"));
    }

    private JsonNode decision(JsonNode outcome, String kind) {
        for (JsonNode d : outcome.path("decisions")) {
            if (kind.equals(d.path("kind").asText())) {
                return d;
            }
        }
        throw new AssertionError("no " + kind + " in " + outcome);
    }

    private List<String> rows(String sop) {
        return hub.assignmentRows(sop).stream().map(r -> r.get("employee_id").toString().replace(hub.id(""), "") + " " + r.get("version")
                + " " + r.get("status") + " " + r.get("due_date")).toList();
    }

    // --- training-impact verdicts ---------------------------------------------------------------------------------------

    @Test
    void aMajorRevisionOfACriticalSopWithVerdictNotRequiredAssignsNobodyAndRecordsTheWaiver() {
        String sop = criticalSop("SOP-W");
        hub.complete(e1, sop, "1.0", "2026-01-10T10:00:00Z", Map.of());
        hub.complete(e2, sop, "1.0", "2026-01-10T10:00:00Z", Map.of());

        Map<String, Object> data = new LinkedHashMap<>(Map.of("documentNumber", sop, "title", "Title of " + sop, "category", "CRITICAL",
                "version", "2.0", "changeType", "MAJOR", "effectiveDate", "2026-03-01"));
        data.putAll(verdict("NOT_REQUIRED"));
        Map<String, Object> event = Hub.event("document.version.approved", "2026-02-10T09:00:00Z", data);
        ResponseEntity<JsonNode> first = hub.post(event);
        assertThat(first.getStatusCode().value()).isEqualTo(202);
        JsonNode outcome = first.getBody();

        JsonNode waived = decision(outcome, "RETRAINING_WAIVED");
        assertThat(waived.path("verdict").asText()).isEqualTo("NOT_REQUIRED");
        assertThat(waived.path("reason").asText()).isEqualTo("QA impact assessment CC-7");
        assertThat(waived.path("decidedBy").asText()).isEqualTo("qa.lead");
        assertThat(waived.path("ruleName").asText()).isEqualTo("QA verdict NOT_REQUIRED: retraining waived");
        assertThat(waived.path("ruleSetVersion").asText()).hasSize(12);
        assertThat(outcome.path("decisions").findValuesAsText("kind")).containsExactly("RETRAINING_WAIVED");
        assertThat(rows(sop)).noneMatch(r -> r.contains(" 2.0 "));
        // the 1.0 training still qualifies: 2.0 did not require retraining
        JsonNode q = hub.qualification(e1, sop, "2026-03-05T00:00:00Z");
        assertThat(q.path("reason").asText()).isEqualTo("CURRENT");
        assertThat(q.path("requiredVersion").asText()).isEqualTo("1.0");
        // the waiver is in the stored outcome too (a repeat of the event answers it again) and in the audit trail
        ResponseEntity<JsonNode> repeat = hub.post(event);
        assertThat(repeat.getStatusCode().value()).isEqualTo(200);
        assertThat(repeat.getBody().path("status").asText()).isEqualTo("DUPLICATE");
        assertThat(jdbc.queryForObject("select attributes from decision_record where event_id = ? and kind = 'RETRAINING_WAIVED'",
                String.class, event.get("id"))).isEqualTo("{\"verdict\":\"NOT_REQUIRED\",\"reason\":\"QA impact assessment CC-7\","
                        + "\"decidedBy\":\"qa.lead\"}");
        assertThat(hub.audit("document-version", sop + "/2.0").toString()).contains("NOT_REQUIRED").contains("QA impact assessment CC-7");
    }

    @Test
    void verdictRequiredOnAnAdministrativeRevisionAssignsEveryMappedHolder() {
        String sop = hub.id("SOP-R");
        hub.version(sop, "STANDARD", "1.0", "MAJOR", "2026-01-15", "2026-01-05T09:00:00Z");
        hub.map(sop, op, null, "2026-01-06T08:00:00Z");
        hub.complete(e1, sop, "1.0", "2026-01-10T10:00:00Z", Map.of());
        hub.complete(e2, sop, "1.0", "2026-01-10T10:00:00Z", Map.of());

        JsonNode outcome = revise(sop, "STANDARD", "1.0.1", "ADMINISTRATIVE", "2026-03-01", "2026-02-10T09:00:00Z", verdict("REQUIRED"));

        JsonNode required = decision(outcome, "RETRAINING_REQUIRED");
        assertThat(required.path("verdict").asText()).isEqualTo("REQUIRED");
        assertThat(required.path("decidedBy").asText()).isEqualTo("qa.lead");
        assertThat(required.path("ruleName").asText()).isEqualTo("QA verdict REQUIRED: retrain within 30 days of effective");
        assertThat(rows(sop)).containsExactly("E1 1.0 COMPLETED 2026-02-05", "E1 1.0.1 OPEN 2026-03-31", "E2 1.0 COMPLETED 2026-02-05",
                "E2 1.0.1 OPEN 2026-03-31");
        assertThat(hub.qualification(e1, sop, "2026-03-05T00:00:00Z").path("requiredVersion").asText()).isEqualTo("1.0.1");
    }

    @Test
    void aVerdictOnAFirstVersionIsRefusedNamingTrainingImpactAndNothingIsStored() {
        String sop = hub.id("SOP-F");
        String before = hub.snapshot();
        Map<String, Object> data = new LinkedHashMap<>(Map.of("documentNumber", sop, "title", "First", "category", "CRITICAL",
                "version", "1.0", "changeType", "MAJOR", "effectiveDate", "2026-03-01"));
        data.putAll(verdict("NOT_REQUIRED"));
        ResponseEntity<JsonNode> response = hub.post(Hub.event("document.version.approved", "2026-02-10T09:00:00Z", data));
        assertThat(response.getStatusCode().value()).isEqualTo(422);
        assertThat(response.getBody().path("errors").get(0).path("field").asText()).isEqualTo("trainingImpact");
        assertThat(hub.snapshot()).isEqualTo(before);
        assertThat(hub.count("select count(*) from document_version where document_number = ?", sop)).isZero();

        Map<String, Object> bad = new LinkedHashMap<>(data);
        bad.put("trainingImpact", Map.of("verdict", "MAYBE", "reason", "x", "decidedBy", "qa"));
        ResponseEntity<JsonNode> malformed = hub.post(Hub.event("document.version.approved", "2026-02-10T09:00:00Z", bad));
        assertThat(malformed.getStatusCode().value()).isEqualTo(400);
        assertThat(malformed.getBody().path("errors").get(0).path("field").asText()).isEqualTo("trainingImpact.verdict");
    }

    // --- implementation period ------------------------------------------------------------------------------------------

    @Test
    void anImplementationPeriodGivesPreviouslyTrainedHoldersTimeAndKeepsThemQualified() {
        String sop = criticalSop("SOP-I");
        hub.complete(e1, sop, "1.0", "2026-01-10T10:00:00Z", Map.of()); // e2 never trained

        JsonNode outcome = revise(sop, "CRITICAL", "2.0", "MAJOR", "2026-03-01", "2026-02-10T09:00:00Z", Map.of("implementationDays", 14));

        assertThat(rows(sop)).contains("E1 2.0 OPEN 2026-03-15", "E2 2.0 OPEN 2026-03-01");
        assertThat(outcome.path("decisions").findValuesAsText("ruleName"))
                .contains("Implementation period: assign with the later due date");
        JsonNode trained = hub.qualification(e1, sop, "2026-03-04T12:00:00Z"); // effective + 3
        assertThat(trained.path("qualified").asBoolean()).isTrue();
        assertThat(trained.path("reason").asText()).isEqualTo("IMPLEMENTATION_PERIOD");
        assertThat(trained.path("implementationUntil").asText()).isEqualTo("2026-03-15");
        assertThat(trained.path("requiredVersion").asText()).isEqualTo("2.0");
        assertThat(hub.qualification(e1, sop, "2026-03-15T23:00:00Z").path("reason").asText()).isEqualTo("IMPLEMENTATION_PERIOD");
        assertThat(hub.qualification(e1, sop, "2026-03-16T00:00:00Z").path("reason").asText())
                .isEqualTo("REQUIRED_VERSION_NOT_COMPLETED");
        JsonNode never = hub.qualification(e2, sop, "2026-03-04T12:00:00Z");
        assertThat(never.path("qualified").asBoolean()).isFalse();
        assertThat(never.path("reason").asText()).isEqualTo("NEVER_TRAINED");
        // readiness on the effective date counts the holder in the implementation period
        JsonNode readiness = hub.get("/api/documents/" + sop + "/versions/2.0/readiness");
        assertThat(readiness.path("jobFunctions").get(0).path("qualified").asInt()).isEqualTo(1);
        assertThat(readiness.path("jobFunctions").get(0).path("notQualifiedEmployeeIds").get(0).asText()).isEqualTo(e2);
    }

    // --- exemptions -----------------------------------------------------------------------------------------------------

    private ResponseEntity<JsonNode> grant(String exemptionId, String employee, String sop, String approvedBy, String validUntil,
            String time) {
        return hub.post(Hub.event("training.exemption.granted", time, Map.of("exemptionId", exemptionId, "employeeId", employee,
                "documentNumber", sop, "reason", "does not perform the task", "approvedBy", approvedBy, "validUntil", validUntil)));
    }

    @Test
    void selfApprovalOfAnExemptionIsRefusedNamingApprovedByAndNothingIsStored() {
        String sop = criticalSop("SOP-X");
        String before = hub.snapshot();
        for (String approver : List.of(e1, e1.toLowerCase(), e1.toUpperCase() + "@PLANT.EXAMPLE")) {
            ResponseEntity<JsonNode> response = grant(hub.id("X1"), e1, sop, approver, "2026-06-30", "2026-02-01T09:00:00Z");
            assertThat(response.getStatusCode().value()).as(approver).isEqualTo(422);
            assertThat(response.getBody().path("errors").get(0).path("field").asText()).isEqualTo("approvedBy");
        }
        assertThat(hub.snapshot()).isEqualTo(before);
        assertThat(hub.count("select count(*) from training_exemption where employee_id = ?", e1)).isZero();
    }

    @Test
    void anExemptionQualifiesThroughValidUntilAndTheRulesRequireTrainingAgainTheDayAfter() {
        String sop = criticalSop("SOP-E");
        JsonNode open = hub.assignments(e1, "OPEN").get(0);

        JsonNode granted = hub.apply("training.exemption.granted", "2026-02-01T09:00:00Z", Map.of("exemptionId", hub.id("X2"),
                "employeeId", e1, "documentNumber", sop, "reason", "does not perform the task", "approvedBy", "qa.lead",
                "validUntil", "2026-04-30"));
        assertThat(decision(granted, "EXEMPT").path("assignmentId").asText()).isEqualTo(open.path("assignmentId").asText());
        assertThat(hub.assignments(e1, "EXEMPTED").get(0).path("assignmentId").asText()).isEqualTo(open.path("assignmentId").asText());

        JsonNode exempt = hub.qualification(e1, sop, "2026-04-30T23:00:00Z");
        assertThat(exempt.path("qualified").asBoolean()).isTrue();
        assertThat(exempt.path("reason").asText()).isEqualTo("EXEMPT");
        assertThat(exempt.path("exemption").path("validUntil").asText()).isEqualTo("2026-04-30");
        assertThat(hub.qualification(e1, sop, "2026-01-31T12:00:00Z").path("reason").asText()).isEqualTo("NEVER_TRAINED"); // as-of
        JsonNode after = hub.qualification(e1, sop, "2026-05-01T00:00:00Z");
        assertThat(after.path("qualified").asBoolean()).isFalse();
        assertThat(after.path("reason").asText()).isEqualTo("NEVER_TRAINED");

        // a revision while the exemption is in force creates its assignment EXEMPTED
        revise(sop, "CRITICAL", "2.0", "MAJOR", "2026-03-01", "2026-02-15T09:00:00Z", Map.of());
        assertThat(rows(sop)).contains("E1 2.0 EXEMPTED 2026-03-01", "E2 2.0 OPEN 2026-03-01");

        // the tick of validUntil + 1: training required again, due validUntil + 14 (CRITICAL)
        hub.apply("clock.ticked", "2026-05-01T00:05:00Z", Map.of("date", "2026-05-01"));
        JsonNode again = hub.assignments(e1, "OPEN").get(0);
        assertThat(again.path("version").asText()).isEqualTo("2.0");
        assertThat(again.path("dueDate").asText()).isEqualTo("2026-05-14");
        assertThat(again.path("reason").asText()).isEqualTo("EXEMPTION_ENDED");
        assertThat(again.path("ruleName").asText()).isEqualTo("Exemption ended: training required again, CRITICAL due in 14 days");
        // ticking the day again adds nothing
        hub.apply("clock.ticked", "2026-05-01T00:10:00Z", Map.of("date", "2026-05-01"));
        assertThat(hub.assignments(e1, "OPEN")).hasSize(1);
    }

    @Test
    void aRevokedExemptionEndsAtTheRevocationButAsOfQueriesBeforeItStillAnswerExempt() {
        String sop = hub.id("SOP-V");
        hub.version(sop, "STANDARD", "1.0", "MAJOR", "2026-01-15", "2026-01-05T09:00:00Z");
        hub.map(sop, op, null, "2026-01-06T08:00:00Z");
        hub.apply("training.exemption.granted", "2026-02-01T09:00:00Z", Map.of("exemptionId", hub.id("X3"), "employeeId", e2,
                "documentNumber", sop, "version", "1.0", "reason", "on leave", "approvedBy", "qa.lead", "validUntil", "2026-12-31"));
        assertThat(hub.assignments(e2, "OPEN")).isEmpty();

        JsonNode revoked = hub.apply("training.exemption.revoked", "2026-03-10T09:00:00Z", Map.of("exemptionId", hub.id("X3"),
                "reason", "back at work", "revokedBy", "qa.lead"));
        assertThat(decision(revoked, "ASSIGN").path("dueDate").asText()).isEqualTo("2026-04-09"); // revocation date + 30
        assertThat(hub.qualification(e2, sop, "2026-03-10T08:59:00Z").path("reason").asText()).isEqualTo("EXEMPT");
        assertThat(hub.qualification(e2, sop, "2026-03-10T09:00:00Z").path("reason").asText()).isEqualTo("NEVER_TRAINED");

        ResponseEntity<JsonNode> twice = hub.post(Hub.event("training.exemption.revoked", "2026-03-11T09:00:00Z",
                Map.of("exemptionId", hub.id("X3"), "reason", "again", "revokedBy", "qa.lead")));
        assertThat(twice.getStatusCode().value()).isEqualTo(422);
        assertThat(twice.getBody().path("errors").get(0).path("field").asText()).isEqualTo("exemptionId");
    }

    // --- equivalence ----------------------------------------------------------------------------------------------------

    @Test
    void oneCompletionOfAnEquivalentCourseCompletesBothSatisfiedAssignmentsAndQualifies() {
        String a = hub.id("SOP-A");
        String b = hub.id("SOP-B");
        String course = hub.id("GMP-101");
        hub.version(a, "STANDARD", "1.0", "MAJOR", "2026-01-15", "2026-01-05T09:00:00Z");
        hub.version(b, "CRITICAL", "1.0", "MAJOR", "2026-01-15", "2026-01-05T09:00:00Z");
        hub.version(course, "STANDARD", "3", "MAJOR", "2026-01-01", "2026-01-05T09:00:00Z");
        hub.map(a, op, null, "2026-01-06T08:00:00Z");
        hub.map(b, op, null, "2026-01-06T08:00:00Z");
        ResponseEntity<JsonNode> unknown = hub.post(Hub.event("training.equivalence.upserted", "2026-01-07T08:00:00Z", Map.of(
                "equivalenceId", hub.id("EQ1"), "documentNumber", course, "version", "3", "approvedBy", "qa.lead",
                "satisfies", List.of(Map.of("documentNumber", a, "version", "9.9")))));
        assertThat(unknown.getStatusCode().value()).isEqualTo(422);
        assertThat(unknown.getBody().path("errors").get(0).path("field").asText()).isEqualTo("satisfies[0].version");

        hub.apply("training.equivalence.upserted", "2026-01-07T08:00:00Z", Map.of("equivalenceId", hub.id("EQ1"),
                "documentNumber", course, "version", "3", "approvedBy", "qa.lead",
                "satisfies", List.of(Map.of("documentNumber", a, "version", "1.0"), Map.of("documentNumber", b, "version", "1.0"))));
        JsonNode outcome = hub.complete(e1, course, "3", "2026-02-20T10:00:00Z", Map.of());

        assertThat(outcome.path("decisions").findValuesAsText("kind").stream().filter("COMPLETE"::equals)).hasSize(2);
        JsonNode completed = hub.assignments(e1, "COMPLETED");
        assertThat(completed).hasSize(2);
        for (JsonNode assignment : completed) {
            assertThat(assignment.path("completedBy").path("kind").asText()).isEqualTo("EQUIVALENT");
            assertThat(assignment.path("completedBy").path("documentNumber").asText()).isEqualTo(course);
            assertThat(assignment.path("completedBy").path("version").asText()).isEqualTo("3");
        }
        JsonNode q = hub.qualification(e1, b, "2026-02-21T00:00:00Z");
        assertThat(q.path("qualified").asBoolean()).isTrue();
        assertThat(q.path("reason").asText()).isEqualTo("EQUIVALENT");
        assertThat(q.path("completedBy").path("documentNumber").asText()).isEqualTo(course);
        assertThat(hub.qualification(e2, b, "2026-02-21T00:00:00Z").path("reason").asText()).isEqualTo("NEVER_TRAINED");

        // the report shows EQUIVALENT rows with the course completion's date and days late (b, CRITICAL, was due 14 days after
        // the matrix change: 2026-01-20)
        JsonNode report = hub.get("/api/reports/training-compliance?from=2026-01-01&to=2026-12-31&jobFunction=" + op);
        JsonNode row = null;
        for (JsonNode r : report.path("rows")) {
            if (r.path("documentNumber").asText().equals(b) && r.path("employeeId").asText().equals(e1)) {
                row = r;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.path("status").asText()).isEqualTo("EQUIVALENT");
        assertThat(row.path("completedAt").asText()).isEqualTo("2026-02-20T10:00:00Z");
        assertThat(row.path("daysLate").asLong()).isEqualTo(31);
    }

    @Test
    void anEquivalentCompletionCountsForCapaClosureAndGapAnalysisAndIsJudgedByTheSatisfiedDocumentsMethod() {
        String sop = hub.id("SOP-Q");
        String course = hub.id("GMP-201");
        hub.version(sop, "STANDARD", "1.0", "MAJOR", "2026-01-15", "2026-01-05T09:00:00Z");
        hub.version(course, "STANDARD", "1", "MAJOR", "2026-01-01", "2026-01-05T09:00:00Z");
        hub.map(sop, op, "ASSESSMENT", "2026-01-06T08:00:00Z");
        hub.apply("training.equivalence.upserted", "2026-01-07T08:00:00Z", Map.of("equivalenceId", hub.id("EQ2"),
                "documentNumber", course, "version", "1", "approvedBy", "qa.lead",
                "satisfies", List.of(Map.of("documentNumber", sop, "version", "1.0"))));
        String capa = hub.id("CAPA");
        hub.apply("capa.opened", "2026-02-01T08:00:00Z", Map.of("capaId", capa));
        hub.apply("capa.training-action.added", "2026-02-02T08:00:00Z", Map.of("capaId", capa, "actionId", "A1", "documentNumber", sop,
                "employeeIds", List.of(e1, e2), "dueDate", "2026-03-01", "verification", Map.of("kind", "COMPLETION")));

        // e2's course completion scores 70: the course itself counts (not in the matrix), the SOP's ASSESSMENT needs 80
        hub.complete(e2, course, "1", "2026-02-05T10:00:00Z", Map.of("method", "ASSESSMENT", "score", 70));
        hub.complete(e1, course, "1", "2026-02-05T10:00:00Z", Map.of("method", "ASSESSMENT", "score", 90));
        assertThat(hub.qualification(e2, sop, "2026-02-06T00:00:00Z").path("reason").asText()).isEqualTo("EVIDENCE_INSUFFICIENT");
        assertThat(hub.qualification(e1, sop, "2026-02-06T00:00:00Z").path("reason").asText()).isEqualTo("EQUIVALENT");

        JsonNode refused = hub.apply("capa.closure.requested", "2026-02-06T08:00:00Z", Map.of("capaId", capa, "requestedBy", "qa.lead"));
        JsonNode closure = decision(refused, "CLOSURE_REFUSED");
        assertThat(closure.toString()).contains(e2).doesNotContain(e1);

        String deviation = hub.id("DEV");
        hub.apply("deviation.reported", null, Map.of("deviationId", deviation, "occurredAt", "2026-02-07T10:00:00Z",
                "involvedEmployeeIds", List.of(e1), "documentNumbers", List.of(sop)));
        assertThat(hub.get("/api/deviations/" + deviation + "/training-gaps").get(0).path("finding").asText()).isEqualTo("CURRENT");

        hub.complete(e2, course, "1", "2026-02-08T10:00:00Z", Map.of("method", "ASSESSMENT", "score", 85));
        assertThat(decision(hub.apply("capa.closure.requested", "2026-02-09T08:00:00Z", Map.of("capaId", capa, "requestedBy",
                "qa.lead")), "CLOSURE_ALLOWED")).isNotNull();
    }

    // --- extensions -----------------------------------------------------------------------------------------------------

    private ResponseEntity<JsonNode> extend(String assignmentId, String newDue, String time) {
        return hub.post(Hub.event("assignment.extension.requested", time, Map.of("assignmentId", assignmentId, "newDueDate", newDue,
                "reason", "trainer unavailable", "requestedBy", "supervisor.one")));
    }

    @Test
    void aSecondFourteenDayExtensionOfACriticalAssignmentIsRefusedNamingTheLimit() {
        String sop = criticalSop("SOP-D");
        JsonNode open = hub.assignments(e1, "OPEN").get(0);
        String id = open.path("assignmentId").asText();
        assertThat(open.path("dueDate").asText()).isEqualTo("2026-01-20"); // CRITICAL matrix change: + 14 days
        assertThat(open.path("extended").asBoolean()).isFalse();

        ResponseEntity<JsonNode> first = extend(id, "2026-02-03", "2026-01-10T09:00:00Z");
        assertThat(first.getStatusCode().value()).isEqualTo(202);
        JsonNode allowed = decision(first.getBody(), "EXTENSION_ALLOWED");
        assertThat(allowed.path("dueDate").asText()).isEqualTo("2026-02-03");
        JsonNode extended = hub.assignments(e1, "OPEN").get(0);
        assertThat(extended.path("dueDate").asText()).isEqualTo("2026-02-03");
        assertThat(extended.path("originalDueDate").asText()).isEqualTo("2026-01-20");
        assertThat(extended.path("extended").asBoolean()).isTrue();

        // reminders follow the new due date: none 7 days before the old one, one 7 days before the new one
        hub.apply("clock.ticked", "2026-01-13T00:05:00Z", Map.of("date", "2026-01-13"));
        assertThat(hub.get("/api/notifications?recipient=" + e1 + "&from=2026-01-13&to=2026-01-13").toString()).doesNotContain(id);
        assertThat(hub.get("/api/notifications?recipient=" + e2 + "&from=2026-01-13&to=2026-01-13").toString()).contains("REMINDER");
        hub.apply("clock.ticked", "2026-01-27T00:05:00Z", Map.of("date", "2026-01-27"));
        JsonNode reminder = hub.get("/api/notifications?recipient=" + e1 + "&from=2026-01-27&to=2026-01-27").get(0);
        assertThat(reminder.path("kind").asText()).isEqualTo("REMINDER");
        assertThat(reminder.path("items").get(0).path("assignmentId").asText()).isEqualTo(id);
        assertThat(reminder.path("items").get(0).path("dueDate").asText()).isEqualTo("2026-02-03");

        ResponseEntity<JsonNode> second = extend(id, "2026-02-17", "2026-01-20T09:00:00Z");
        assertThat(second.getStatusCode().value()).isEqualTo(202);
        assertThat(second.getBody().path("status").asText()).isEqualTo("APPLIED");
        JsonNode refused = decision(second.getBody(), "EXTENSION_REFUSED");
        assertThat(refused.path("limit").asText()).isEqualTo("CRITICAL_ONCE");
        assertThat(refused.path("reasons").get(0).asText()).contains("at most one extension");
        assertThat(hub.assignments(e1, "OPEN").get(0).path("dueDate").asText()).isEqualTo("2026-02-03");

        // too long at once, and not later: refused naming each limit
        String other = hub.assignments(e2, "OPEN").get(0).path("assignmentId").asText();
        assertThat(decision(extend(other, "2026-02-15", "2026-01-10T09:00:00Z").getBody(), "EXTENSION_REFUSED").path("limit").asText())
                .isEqualTo("CRITICAL_MAX_14_DAYS");
        assertThat(decision(extend(other, "2026-01-20", "2026-01-10T09:00:00Z").getBody(), "EXTENSION_REFUSED").path("limit").asText())
                .isEqualTo("NEW_DUE_DATE_NOT_LATER");

        // the report follows the extended due date and shows the original one
        JsonNode report = hub.get("/api/reports/training-compliance?from=2026-01-01&to=2026-12-31&jobFunction=" + op);
        JsonNode row = null;
        for (JsonNode r : report.path("rows")) {
            if (r.path("assignmentId").asText().equals(id)) {
                row = r;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.path("dueDate").asText()).isEqualTo("2026-02-03");
        assertThat(row.path("originalDueDate").asText()).isEqualTo("2026-01-20");
        assertThat(row.path("extended").asBoolean()).isTrue();

        // unknown or closed assignments are invalid input
        ResponseEntity<JsonNode> unknown = extend(hub.id("NOPE"), "2026-02-01", "2026-01-20T09:00:00Z");
        assertThat(unknown.getStatusCode().value()).isEqualTo(422);
        assertThat(unknown.getBody().path("errors").get(0).path("field").asText()).isEqualTo("assignmentId");
        hub.complete(e1, sop, "1.0", "2026-01-21T10:00:00Z", Map.of());
        ResponseEntity<JsonNode> closed = extend(id, "2026-02-01", "2026-01-22T09:00:00Z");
        assertThat(closed.getStatusCode().value()).isEqualTo(422);
        assertThat(closed.getBody().path("errors").get(0).path("message").asText()).contains("COMPLETED");
    }
}
