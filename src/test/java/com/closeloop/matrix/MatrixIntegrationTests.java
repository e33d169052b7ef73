package com.closeloop.matrix;

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

/** SPEC §2 and §4b: a matrix change assigns or cancels accordingly. */
@IntegrationTest
class MatrixIntegrationTests {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    Hub hub;
    String cleaning;
    String packing;
    String sop;

    @BeforeEach
    void plant() {
        hub = new Hub(http, jdbc);
        cleaning = hub.jobFunction("CLEAN-OP");
        packing = hub.jobFunction("PACK-OP");
        sop = hub.id("SOP-CL-001");
        hub.version(sop, "CRITICAL", "1.0", "MAJOR", "2026-01-15", "2026-01-02T09:00:00Z");
        hub.version(sop, "CRITICAL", "1.1", "MINOR", "2026-02-15", "2026-01-03T09:00:00Z");
        hub.person(hub.id("E1"), "ACTIVE", "2026-01-03T08:00:00Z", holds(cleaning, "2025-01-01"));
        hub.person(hub.id("E2"), "ACTIVE", "2026-01-03T08:00:00Z", holds(cleaning, "2025-01-01"), holds(packing, "2025-01-01"));
        hub.person(hub.id("E3"), "ACTIVE", "2026-01-03T08:00:00Z", holds(packing, "2025-01-01"));
    }

    @Test
    void mappingADocumentAssignsItsCurrentVersionToTheFunctionsHolders() {
        JsonNode outcome = hub.map(sop, cleaning, null, "2026-02-20T08:00:00Z");

        assertThat(hub.assignmentRows(sop)).extracting(r -> r.get("employee_id") + " " + r.get("version") + " " + r.get("due_date"))
                .containsExactly(hub.id("E1") + " 1.1 2026-03-06", hub.id("E2") + " 1.1 2026-03-06");
        assertThat(outcome.path("decisions").findValuesAsText("ruleName"))
                .containsOnly("Matrix change: CRITICAL document due 14 days after the change");
    }

    @Test
    void mappingASecondFunctionDoesNotAssignTwice() {
        hub.map(sop, cleaning, null, "2026-02-20T08:00:00Z");
        hub.map(sop, packing, null, "2026-02-21T08:00:00Z");
        assertThat(hub.assignmentRows(sop)).extracting(r -> r.get("employee_id"))
                .containsExactly(hub.id("E1"), hub.id("E2"), hub.id("E3"));
    }

    @Test
    void changingTheMethodKeepsHistoryAndAssignsNothingNew() {
        hub.map(sop, cleaning, null, "2026-02-20T08:00:00Z");
        JsonNode change = hub.map(sop, cleaning, "ASSESSMENT", "2026-02-22T08:00:00Z");
        assertThat(change.path("decisions")).isEmpty();
        assertThat(hub.count("select count(*) from matrix_entry where document_number = ?", sop)).isEqualTo(2);
        assertThat(hub.count("select count(*) from matrix_entry where document_number = ? and removed_at is null"
                + " and training_method = 'ASSESSMENT'", sop)).isEqualTo(1);
        assertThat(hub.assignmentRows(sop)).hasSize(2);
    }

    @Test
    void removingAMappingCancelsOnlyThoseWithNoOtherMappedFunction() {
        hub.map(sop, cleaning, null, "2026-02-20T08:00:00Z");
        hub.map(sop, packing, null, "2026-02-20T08:00:00Z");

        JsonNode outcome = hub.unmap(sop, cleaning, "2026-02-25T08:00:00Z");

        assertThat(hub.assignmentRows(sop)).extracting(r -> r.get("employee_id") + " " + r.get("status"))
                .containsExactly(hub.id("E1") + " CANCELLED", hub.id("E2") + " OPEN", hub.id("E3") + " OPEN");
        assertThat(outcome.path("decisions").findValuesAsText("ruleName"))
                .containsOnly("Removing a matrix entry cancels assignments of those no longer mapped");
    }

    @Test
    void aMatrixEntryForADocumentWithoutApprovedVersionOrAnUnknownFunctionIsRefused() {
        ResponseEntity<JsonNode> noDocument = hub.post(Hub.event("matrix.entry.upserted", null, Map.of("documentNumber",
                hub.id("SOP-NONE"), "jobFunctionCode", cleaning)));
        assertThat(noDocument.getStatusCode().value()).isEqualTo(422);
        assertThat(noDocument.getBody().path("errors").get(0).path("field").asText()).isEqualTo("documentNumber");

        ResponseEntity<JsonNode> noFunction = hub.post(Hub.event("matrix.entry.upserted", null, Map.of("documentNumber", sop,
                "jobFunctionCode", hub.id("NONE"))));
        assertThat(noFunction.getStatusCode().value()).isEqualTo(422);
        assertThat(noFunction.getBody().path("errors").get(0).path("field").asText()).isEqualTo("jobFunctionCode");

        ResponseEntity<JsonNode> notMapped = hub.post(Hub.event("matrix.entry.removed", null, Map.of("documentNumber", sop,
                "jobFunctionCode", packing)));
        assertThat(notMapped.getStatusCode().value()).isEqualTo(422);
        assertThat(hub.count("select count(*) from matrix_entry where document_number = ?", sop)).isZero();
    }
}
