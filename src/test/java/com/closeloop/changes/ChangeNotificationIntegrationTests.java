package com.closeloop.changes;

import static com.closeloop.support.Hub.holds;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.closeloop.support.Hub;
import com.closeloop.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** Process-validation, supplier and regulatory changes as training triggers. */
@IntegrationTest
class ChangeNotificationIntegrationTests {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    Hub hub;
    String cleaning;
    String qa;
    String sop;

    @BeforeEach
    void plant() {
        hub = new Hub(http, jdbc);
        cleaning = hub.jobFunction("CLEAN-OP");
        qa = hub.jobFunction("QA");
        sop = hub.id("SOP-1");
        hub.version(sop, "STANDARD", "1.0", "MAJOR", "2026-01-15", "2026-01-02T09:00:00Z");
        hub.person(hub.id("CLEANER"), "ACTIVE", "2026-01-03T08:00:00Z", holds(cleaning, "2025-01-01"));
        hub.person(hub.id("QA"), "ACTIVE", "2026-01-03T08:00:00Z", holds(qa, "2025-01-01"));
        hub.map(sop, cleaning, null, "2026-01-04T08:00:00Z");
        hub.complete(hub.id("CLEANER"), sop, "1.0", "2026-01-10T10:00:00Z", Map.of());
        hub.version(sop, "STANDARD", "1.1", "MINOR", "2026-02-01", "2026-01-20T09:00:00Z");
    }

    @ParameterizedTest
    @ValueSource(strings = { "PROCESS_VALIDATION", "SUPPLIER_CHANGE", "REGULATORY_SUBMISSION" })
    void eachKindAssignsTheCurrentVersionToNamedAndMappedFunctionsDueEffectivePlus30(String kind) {
        String change = hub.id("CH-" + kind);
        JsonNode outcome = hub.apply("change.notified", "2026-03-01T08:00:00Z", Map.of("changeId", change, "kind", kind,
                "documentNumbers", List.of(sop), "jobFunctionCodes", List.of(qa), "effectiveDate", "2026-03-15"));
        assertThat(hub.assignmentRows(sop)).filteredOn(r -> r.get("reason").toString().startsWith("CHANGE")).extracting(r -> r.get("employee_id") + " " + r.get("version") + " " + r.get("due_date")
                + " " + r.get("reason")).containsExactly(
                        hub.id("CLEANER") + " 1.1 2026-04-14 CHANGE " + change + " (" + kind + ")",
                        hub.id("QA") + " 1.1 2026-04-14 CHANGE " + change + " (" + kind + ")");
        assertThat(outcome.path("decisions").findValuesAsText("kind")).containsOnly("ASSIGN");
    }

    @Test
    void aChangeNamingOnlyAJobFunctionCoversItsDocumentsAndSkipsWhatIsAlreadyTrained() {
        hub.complete(hub.id("CLEANER"), sop, "1.1", "2026-02-10T10:00:00Z", Map.of());
        JsonNode outcome = hub.apply("change.notified", "2026-03-01T08:00:00Z", Map.of("changeId", hub.id("CH"), "kind",
                "SUPPLIER_CHANGE", "jobFunctionCodes", List.of(cleaning)));
        assertThat(outcome.path("decisions")).isEmpty();
    }

    @Test
    void badChangesAreRefused() {
        ResponseEntity<JsonNode> kind = hub.post(Hub.event("change.notified", null, Map.of("changeId", hub.id("CH"), "kind", "WEATHER",
                "documentNumbers", List.of(sop))));
        assertThat(kind.getStatusCode().value()).isEqualTo(400);
        assertThat(kind.getBody().path("errors").get(0).path("field").asText()).isEqualTo("kind");
        ResponseEntity<JsonNode> nothing = hub.post(Hub.event("change.notified", null, Map.of("changeId", hub.id("CH"), "kind",
                "SUPPLIER_CHANGE")));
        assertThat(nothing.getStatusCode().value()).isEqualTo(400);
        assertThat(nothing.getBody().path("errors").get(0).path("field").asText()).isEqualTo("documentNumbers");
        ResponseEntity<JsonNode> unknown = hub.post(Hub.event("change.notified", null, Map.of("changeId", hub.id("CH"), "kind",
                "SUPPLIER_CHANGE", "documentNumbers", List.of(hub.id("NODOC")), "jobFunctionCodes", List.of(hub.id("NOFN")))));
        assertThat(unknown.getStatusCode().value()).isEqualTo(422);
        assertThat(unknown.getBody().path("errors").findValuesAsText("field")).containsExactly("documentNumbers[0]", "jobFunctionCodes[0]");
        assertThat(hub.count("select count(*) from change_notification where change_id = ?", hub.id("CH"))).isZero();
    }
}
