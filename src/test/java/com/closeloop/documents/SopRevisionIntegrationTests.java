package com.closeloop.documents;

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

/** SPEC §2.1 and §4a: document control → SOP training, end to end over HTTP. */
@IntegrationTest
class SopRevisionIntegrationTests {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    Hub hub;
    String cleaning;
    String packing;
    String lab;
    String sop;

    /**
     * A plant with three job functions; the SOP is mapped to cleaning and packing, not lab. Five people:
     * two cleaners (one holding both mapped functions), a packer, a lab analyst and a terminated cleaner.
     */
    @BeforeEach
    void plant() {
        hub = new Hub(http, jdbc);
        cleaning = hub.jobFunction("CLEAN-OP");
        packing = hub.jobFunction("PACK-OP");
        lab = hub.jobFunction("LAB-ANALYST");
        sop = hub.id("SOP-CL-001");
        hub.version(sop, "CRITICAL", "1.0", "MAJOR", "2026-01-15", "2026-01-02T09:00:00Z");
        hub.person(hub.id("E1"), "ACTIVE", "2026-01-03T08:00:00Z", holds(cleaning, "2025-01-01"));
        hub.person(hub.id("E2"), "ACTIVE", "2026-01-03T08:00:00Z", holds(cleaning, "2025-01-01"), holds(packing, "2025-06-01"));
        hub.person(hub.id("E3"), "ACTIVE", "2026-01-03T08:00:00Z", holds(packing, "2025-01-01"));
        hub.person(hub.id("E4"), "ACTIVE", "2026-01-03T08:00:00Z", holds(lab, "2025-01-01"));
        hub.person(hub.id("E5"), "TERMINATED", "2026-01-03T08:00:00Z", holds(cleaning, "2020-01-01", "2025-12-31"));
        hub.map(sop, cleaning, null, "2026-01-04T08:00:00Z");
        hub.map(sop, packing, null, "2026-01-04T08:00:00Z");
        for (String e : List.of("E1", "E2", "E3")) {
            hub.complete(hub.id(e), sop, "1.0", "2026-01-10T10:00:00Z", Map.of());
        }
    }

    @Test
    void majorRevisionOfCriticalSopAssignsExactlyTheActiveHoldersOfMappedFunctions() {
        JsonNode outcome = hub.version(sop, "CRITICAL", "2.0", "MAJOR", "2026-03-01", "2026-02-10T09:00:00Z");

        List<Map<String, Object>> rows = hub.assignmentRows(sop).stream().filter(r -> "2.0".equals(r.get("version"))).toList();
        assertThat(rows).extracting(r -> r.get("employee_id")).containsExactly(hub.id("E1"), hub.id("E2"), hub.id("E3"));
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("status")).isEqualTo("OPEN");
            assertThat(r.get("effective_date").toString()).isEqualTo("2026-03-01");
            assertThat(r.get("due_date").toString()).isEqualTo("2026-03-01"); // CRITICAL: trained before it takes effect
            assertThat(r.get("reason")).isEqualTo("REVISION");
            assertThat(r.get("rule_name")).isEqualTo("MAJOR revision of a CRITICAL document: train before it takes effect");
            assertThat(r.get("rule_set_version")).isEqualTo(outcome.path("ruleSetVersion").asText());
        });

        assertThat(outcome.path("decisions").findValuesAsText("kind")).containsOnly("ASSIGN", "RETRAINING_REQUIRED");
        JsonNode assign = first(outcome.path("decisions"), "ASSIGN");
        assertThat(assign.path("ruleName").asText()).isNotBlank();
        assertThat(assign.path("ruleSetVersion").asText()).hasSize(12);
        assertThat(assign.path("assignmentId").asText()).isNotBlank();

        JsonNode e2 = hub.assignments(hub.id("E2"), "OPEN");
        assertThat(e2).hasSize(1);
        assertThat(jdbc.queryForList("select kind from decision_trail where event_id = ? order by kind", String.class,
                outcome.path("eventId").asText())).containsExactly("ASSIGN", "ASSIGN", "ASSIGN", "RETRAINING_REQUIRED");
        assertThat(e2.get(0).path("version").asText()).isEqualTo("2.0");
        assertThat(e2.get(0).path("dueDate").asText()).isEqualTo("2026-03-01");
        assertThat(e2.get(0).path("effectiveDate").asText()).isEqualTo("2026-03-01");
        assertThat(e2.get(0).path("sourceEventSource").asText()).isEqualTo(Hub.SOURCE);
        assertThat(hub.assignments(hub.id("E4"))).isEmpty();
        assertThat(hub.assignments(hub.id("E5"))).isEmpty();
    }

    @Test
    void majorRevisionOfStandardSopIsDueThirtyDaysAfterEffective() {
        String standard = hub.id("SOP-PK-002");
        hub.version(standard, "STANDARD", "1.0", "MAJOR", "2026-01-15", "2026-01-05T09:00:00Z");
        hub.map(standard, packing, null, "2026-01-06T08:00:00Z");
        hub.complete(hub.id("E3"), standard, "1.0", "2026-01-10T10:00:00Z", Map.of());
        hub.complete(hub.id("E2"), standard, "1.0", "2026-01-10T10:00:00Z", Map.of());

        hub.version(standard, "STANDARD", "2.0", "MAJOR", "2026-04-01", "2026-03-10T09:00:00Z");

        assertThat(hub.assignmentRows(standard)).filteredOn(r -> "2.0".equals(r.get("version")))
                .extracting(r -> r.get("employee_id") + " " + r.get("due_date"))
                .containsExactly(hub.id("E2") + " 2026-05-01", hub.id("E3") + " 2026-05-01");
    }

    @Test
    void minorRevisionRetrainsCriticalDocumentsWithinFourteenDaysAndNothingElse() {
        hub.version(sop, "CRITICAL", "1.1", "MINOR", "2026-03-01", "2026-02-10T09:00:00Z");
        assertThat(hub.assignmentRows(sop)).filteredOn(r -> "1.1".equals(r.get("version")))
                .extracting(r -> r.get("due_date").toString()).containsExactly("2026-03-15", "2026-03-15", "2026-03-15");

        String standard = hub.id("SOP-PK-002");
        hub.version(standard, "STANDARD", "1.0", "MAJOR", "2026-01-15", "2026-01-05T09:00:00Z");
        hub.map(standard, packing, null, "2026-01-06T08:00:00Z");
        List<Map<String, Object>> before = hub.assignmentRows(standard);
        assertThat(before).extracting(r -> r.get("version") + " " + r.get("status")).containsOnly("1.0 OPEN").hasSize(2);
        JsonNode outcome = hub.version(standard, "STANDARD", "1.1", "MINOR", "2026-04-01", "2026-03-10T09:00:00Z");
        // nobody retrains, but nobody keeps training on the obsolete 1.0 either: each open 1.0 assignment is re-pointed to
        // 1.1 with the same due date and reason (SPEC §4a), the 1.0 one SUPERSEDED
        assertThat(outcome.path("decisions").findValuesAsText("kind")).containsExactlyInAnyOrder("RETRAINING_NOT_REQUIRED", "ASSIGN",
                "ASSIGN", "SUPERSEDE", "SUPERSEDE");
        assertThat(hub.assignmentRows(standard)).extracting(r -> r.get("employee_id") + " " + r.get("version") + " " + r.get("status")
                + " " + r.get("due_date") + " " + r.get("reason")).containsExactlyInAnyOrder(
                        hub.id("E2") + " 1.0 SUPERSEDED " + before.get(0).get("due_date") + " MATRIX_CHANGE",
                        hub.id("E3") + " 1.0 SUPERSEDED " + before.get(0).get("due_date") + " MATRIX_CHANGE",
                        hub.id("E2") + " 1.1 OPEN " + before.get(0).get("due_date") + " MATRIX_CHANGE",
                        hub.id("E3") + " 1.1 OPEN " + before.get(0).get("due_date") + " MATRIX_CHANGE");
    }

    @Test
    void administrativeRevisionAssignsNobody() {
        int before = hub.assignmentRows(sop).size();
        JsonNode outcome = hub.version(sop, "CRITICAL", "1.0.1", "ADMINISTRATIVE", "2026-03-01", "2026-02-10T09:00:00Z");

        assertThat(hub.assignmentRows(sop)).hasSize(before);
        assertThat(outcome.path("decisions")).hasSize(1);
        assertThat(outcome.path("decisions").get(0).path("kind").asText()).isEqualTo("RETRAINING_NOT_REQUIRED");
        assertThat(outcome.path("decisions").get(0).path("ruleName").asText()).isEqualTo("ADMINISTRATIVE revision: no retraining");
        // Qualification still requires 1.0, which E1 completed.
        assertThat(hub.qualification(hub.id("E1"), sop, "2026-03-02T12:00:00Z").path("qualified").asBoolean()).isTrue();
    }

    @Test
    void newerVersionSupersedesTheOpenAssignmentForAnOlderOne() {
        hub.version(sop, "CRITICAL", "2.0", "MAJOR", "2026-03-01", "2026-02-10T09:00:00Z");
        String v2Assignment = hub.assignments(hub.id("E1"), "OPEN").get(0).path("assignmentId").asText();

        JsonNode outcome = hub.version(sop, "CRITICAL", "3.0", "MAJOR", "2026-04-01", "2026-03-10T09:00:00Z");

        JsonNode all = hub.assignments(hub.id("E1"));
        JsonNode v2 = byId(all, v2Assignment);
        assertThat(v2.path("status").asText()).isEqualTo("SUPERSEDED");
        JsonNode open = hub.assignments(hub.id("E1"), "OPEN");
        assertThat(open).hasSize(1);
        assertThat(open.get(0).path("version").asText()).isEqualTo("3.0");
        assertThat(v2.path("supersededBy").asText()).isEqualTo(open.get(0).path("assignmentId").asText());
        assertThat(outcome.path("decisions").findValuesAsText("kind")).contains("SUPERSEDE");
        assertThat(first(outcome.path("decisions"), "SUPERSEDE").path("ruleName").asText())
                .isEqualTo("A newer version's assignment supersedes the open one for an older version");
    }

    @Test
    void aRepeatedEventIsAcknowledgedAsDuplicateAndChangesNothing() {
        Map<String, Object> revision = Hub.event("document.version.approved", "2026-02-10T09:00:00Z", Map.of("documentNumber", sop,
                "title", "Cleaning", "category", "CRITICAL", "version", "2.0", "changeType", "MAJOR", "effectiveDate", "2026-03-01"));
        ResponseEntity<JsonNode> first = hub.post(revision);
        assertThat(first.getStatusCode().value()).isEqualTo(202);
        String before = hub.snapshot();
        int decisions = hub.count("select count(*) from decision_trail where event_id = ?", revision.get("id"));

        ResponseEntity<JsonNode> repeat = hub.post(revision);

        assertThat(repeat.getStatusCode().value()).isEqualTo(200);
        assertThat(repeat.getBody().path("status").asText()).isEqualTo("DUPLICATE");
        assertThat(repeat.getBody().path("eventId").asText()).isEqualTo(revision.get("id"));
        assertThat(hub.snapshot()).isEqualTo(before);
        assertThat(hub.count("select count(*) from decision_trail where event_id = ?", revision.get("id"))).isEqualTo(decisions);
        assertThat(hub.count("select count(*) from processed_event where event_id = ?", revision.get("id"))).isEqualTo(1);
    }

    @Test
    void theRawPayloadIsKeptWithItsHash() {
        Map<String, Object> event = Hub.event("jobfunction.upserted", null, Map.of("code", hub.id("QC"), "name", "QC"));
        hub.post(event);
        Map<String, Object> row = jdbc.queryForMap("select payload, payload_sha256, event_time, received_at from processed_event"
                + " where event_id = ?", event.get("id"));
        assertThat(row.get("payload").toString()).contains(hub.id("QC"));
        assertThat(row.get("payload_sha256").toString()).hasSize(64);
        assertThat(row.get("event_time")).isEqualTo(row.get("received_at")); // no time given: "now" is the receipt time
    }

    @Test
    void aLaterApprovalThatTakesEffectBeforeTheLatestVersionIsRefused() {
        hub.version(sop, "CRITICAL", "2.0", "MAJOR", "2026-03-01", "2026-02-10T09:00:00Z");
        ResponseEntity<JsonNode> response = hub.post(Hub.event("document.version.approved", "2026-02-11T09:00:00Z", Map.of(
                "documentNumber", sop, "title", "Cleaning", "category", "CRITICAL", "version", "2.1", "changeType", "MINOR",
                "effectiveDate", "2026-02-20")));
        assertThat(response.getStatusCode().value()).isEqualTo(422);
        assertThat(response.getBody().path("errors").get(0).path("field").asText()).isEqualTo("effectiveDate");

        ResponseEntity<JsonNode> again = hub.post(Hub.event("document.version.approved", "2026-02-11T09:00:00Z", Map.of(
                "documentNumber", sop, "title", "Cleaning", "category", "CRITICAL", "version", "2.0", "changeType", "MINOR",
                "effectiveDate", "2026-04-20")));
        assertThat(again.getStatusCode().value()).isEqualTo(422);
        assertThat(again.getBody().path("errors").get(0).path("field").asText()).isEqualTo("version");
    }

    static JsonNode first(JsonNode decisions, String kind) {
        for (JsonNode d : decisions) {
            if (kind.equals(d.path("kind").asText())) {
                return d;
            }
        }
        throw new AssertionError("no " + kind + " decision in " + decisions);
    }

    static JsonNode byId(JsonNode assignments, String id) {
        for (JsonNode a : assignments) {
            if (id.equals(a.path("assignmentId").asText())) {
                return a;
            }
        }
        throw new AssertionError("no assignment " + id + " in " + assignments);
    }
}
