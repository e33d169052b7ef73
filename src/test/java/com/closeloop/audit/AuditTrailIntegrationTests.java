package com.closeloop.audit;

import static com.closeloop.support.Hub.holds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
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

/** Every kind of change is in the audit trail with old and new values; the chain finds rows changed or deleted behind the hub. */
@IntegrationTest
class AuditTrailIntegrationTests {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    Hub hub;

    @BeforeEach
    void setUp() {
        hub = new Hub(http, jdbc);
    }

    @Test
    void everyKindOfChangeIsRecordedWithOldAndNewValuesActorAndSourceEvent() {
        String qc = hub.jobFunction("QC");
        String sop = hub.id("SOP");
        String e1 = hub.id("E1");
        hub.version(sop, "STANDARD", "1.0", "MAJOR", "2026-01-15", "2026-01-02T09:00:00Z");
        hub.person(e1, "ACTIVE", "2026-01-03T08:00:00Z", holds(qc, "2025-01-01"));
        hub.map(sop, qc, null, "2026-01-04T08:00:00Z");
        String first = hub.assignments(e1).get(0).path("assignmentId").asText();
        JsonNode revision = hub.version(sop, "STANDARD", "2.0", "MAJOR", "2026-03-01", "2026-02-01T09:00:00Z");
        String second = hub.assignments(e1, "OPEN").get(0).path("assignmentId").asText();
        hub.complete(e1, sop, "2.0", "2026-02-10T10:00:00Z", Map.of());
        hub.apply("personnel.upserted", "2026-02-11T08:00:00Z", Map.of("employeeId", e1, "name", "Renamed", "status", "ACTIVE",
                "jobFunctions", List.of(Map.of("code", qc, "from", "2025-01-01"))));
        hub.unmap(sop, qc, "2026-02-12T08:00:00Z");
        String capa = hub.id("CAPA");
        String deviation = hub.id("DEV");
        hub.apply("deviation.reported", "2026-02-13T08:00:00Z", Map.of("deviationId", deviation, "occurredAt", "2026-02-13T07:00:00Z",
                "involvedEmployeeIds", List.of(e1), "documentNumbers", List.of(sop)));
        hub.apply("capa.opened", "2026-02-14T08:00:00Z", Map.of("capaId", capa, "deviationId", deviation));
        hub.apply("capa.training-action.added", "2026-02-14T09:00:00Z", Map.of("capaId", capa, "actionId", "A1", "documentNumber", sop,
                "employeeIds", List.of(e1), "dueDate", "2026-03-01", "verification", Map.of("kind", "COMPLETION")));
        hub.complete(e1, sop, "2.0", "2026-02-15T10:00:00Z", Map.of());
        hub.apply("capa.closure.requested", "2026-02-16T08:00:00Z", Map.of("capaId", capa, "requestedBy", "qa.lead"));

        JsonNode jf = hub.audit("job-function", qc);
        assertThat(actions(jf)).containsExactly("CREATED");
        assertThat(jf.get(0).path("newValues").path("name").asText()).isEqualTo("QC");

        JsonNode employee = hub.audit("employee", e1);
        assertThat(actions(employee)).containsExactly("CREATED", "HOLDING_ADDED", "UPDATED");
        JsonNode rename = employee.get(2);
        assertThat(rename.path("oldValues").path("name").asText()).isEqualTo("Name of " + e1);
        assertThat(rename.path("newValues").path("name").asText()).isEqualTo("Renamed");
        assertThat(employee.get(1).path("newValues").path("jobFunctionCode").asText()).isEqualTo(qc);
        assertThat(rename.path("actor").asText()).startsWith("api-key:");
        assertThat(rename.path("eventSource").asText()).isEqualTo(Hub.SOURCE);
        assertThat(rename.path("eventTime").asText()).isEqualTo("2026-02-11T08:00:00Z");
        assertThat(rename.path("reason").asText()).isEqualTo("event closeloop.personnel.upserted");

        assertThat(actions(hub.audit("document", sop))).startsWith("CREATED");
        JsonNode version = hub.audit("document-version", sop + "/2.0");
        assertThat(actions(version)).containsExactly("APPROVED");
        assertThat(version.get(0).path("newValues").path("retrainingRequired").asBoolean()).isTrue();
        assertThat(version.get(0).path("eventId").asText()).isEqualTo(revision.path("eventId").asText());

        JsonNode matrix = hub.audit("matrix-entry", sop + "/" + qc);
        assertThat(actions(matrix)).containsExactly("CREATED", "UPDATED");
        assertThat(matrix.get(1).path("oldValues").path("removedAt").isNull()).isTrue();
        assertThat(matrix.get(1).path("newValues").path("removedAt").asText()).isEqualTo("2026-02-12T08:00:00Z");

        JsonNode superseded = hub.audit("assignment", first);
        assertThat(actions(superseded)).containsExactly("CREATED", "SUPERSEDED");
        assertThat(superseded.get(1).path("oldValues").path("status").asText()).isEqualTo("OPEN");
        assertThat(superseded.get(1).path("newValues").path("supersededBy").asText()).isEqualTo(second);
        assertThat(superseded.get(1).path("eventId").asText()).isEqualTo(revision.path("eventId").asText());
        JsonNode completed = hub.audit("assignment", second);
        assertThat(actions(completed)).containsExactly("CREATED", "COMPLETED");
        String completionId = completed.get(1).path("newValues").path("completionId").asText();
        JsonNode completion = hub.audit("completion", completionId);
        assertThat(actions(completion)).containsExactly("CREATED");
        assertThat(completion.get(0).path("newValues").path("counts").asBoolean()).isTrue();

        JsonNode capaTrail = hub.audit("capa", capa);
        assertThat(actions(capaTrail)).containsExactly("CREATED", "CLOSURE_REQUESTED", "UPDATED");
        assertThat(capaTrail.get(2).path("oldValues").path("status").asText()).isEqualTo("OPEN");
        assertThat(capaTrail.get(2).path("newValues").path("status").asText()).isEqualTo("CLOSED");
        assertThat(actions(hub.audit("capa-action", capa + "/A1"))).containsExactly("CREATED", "ASSIGNEES_ADDED");
        assertThat(actions(hub.audit("deviation", deviation))).containsExactly("CREATED", "FINDINGS_RECORDED");
        assertThat(hub.audit("deviation", deviation).get(1).path("newValues").path("findings").get(0).path("finding").asText())
                .isEqualTo("NOT_IN_MATRIX");

        JsonNode rules = hub.get("/api/rules");
        JsonNode ruleSet = hub.audit("rule-set", rules.path("version").asText());
        assertThat(actions(ruleSet)).contains("ACTIVATED");
        assertThat(ruleSet.get(0).path("actor").asText()).contains("start-up");

        long[] seqs = new long[] { employee.get(0).path("seq").asLong(), employee.get(1).path("seq").asLong(),
                employee.get(2).path("seq").asLong() };
        assertThat(seqs[0]).isLessThan(seqs[1]);
        assertThat(seqs[1]).isLessThan(seqs[2]);
        assertThat(hub.get("/api/audit/verify").path("status").asText()).isEqualTo("OK");
    }

    @Test
    void aFanOutIsOneEntryThatEveryAssignmentItCreatedFindsInItsHistory() {
        String qc = hub.jobFunction("QC");
        String sop = hub.id("SOP");
        hub.version(sop, "STANDARD", "1.0", "MAJOR", "2026-01-15", "2026-01-02T09:00:00Z");
        List<String> people = List.of(hub.id("E1"), hub.id("E2"), hub.id("E3"));
        for (String e : people) {
            hub.person(e, "ACTIVE", "2026-01-03T08:00:00Z", holds(qc, "2025-01-01"));
        }
        hub.map(sop, qc, null, "2026-01-04T08:00:00Z");
        JsonNode revision = hub.version(sop, "STANDARD", "2.0", "MAJOR", "2026-03-01", "2026-02-01T09:00:00Z");
        JsonNode fanOut = hub.get("/api/audit?entity=assignment&eventSource=" + Hub.SOURCE + "&eventId=" + revision.path("eventId").asText());
        List<JsonNode> created = new java.util.ArrayList<>();
        fanOut.forEach(e -> {
            if (e.path("action").asText().equals("CREATED")) {
                created.add(e);
            }
        });
        assertThat(created).hasSize(1); // one entry for the three new assignments
        assertThat(created.get(0).path("entityId").asText()).isEqualTo(AuditTrail.MANY);
        assertThat(created.get(0).path("newValues").size()).isEqualTo(3);
        long seq = created.get(0).path("seq").asLong();
        for (String e : people) {
            JsonNode open = hub.assignments(e, "OPEN").get(0);
            JsonNode history = hub.audit("assignment", open.path("assignmentId").asText());
            assertThat(history).hasSize(1);
            assertThat(history.get(0).path("seq").asLong()).isEqualTo(seq);
            assertThat(history.get(0).path("entityId").asText()).isEqualTo(open.path("assignmentId").asText());
            assertThat(history.get(0).path("newValues").path("employeeId").asText()).isEqualTo(e);
            assertThat(history.get(0).path("newValues").path("version").asText()).isEqualTo("2.0");
        }
        assertThat(hub.get("/api/audit/verify").path("status").asText()).isEqualTo("OK");
    }

    @Test
    void userAndApiKeyAdministrationIsRecordedUnderTheAdmin() {
        String user = hub.id("auditor").toLowerCase();
        hub.admin().postForEntity("/api/admin/users", Map.of("username", user, "password", "a-long-enough-password", "roles",
                List.of("AUDITOR")), JsonNode.class);
        JsonNode key = hub.admin().postForEntity("/api/admin/api-keys", Map.of("connector", hub.id("lms"), "role", "INGEST"),
                JsonNode.class).getBody();
        hub.admin().postForEntity("/api/admin/api-keys/" + key.path("keyId").asText() + "/revoke", null, JsonNode.class);

        JsonNode created = hub.audit("user", user);
        assertThat(actions(created)).containsExactly("CREATED");
        assertThat(created.get(0).path("actor").asText()).isEqualTo(Hub.ADMIN);
        assertThat(created.get(0).path("newValues").toString()).doesNotContain("password");
        assertThat(actions(hub.audit("api-key", key.path("keyId").asText()))).containsExactly("CREATED", "REVOKED");
    }

    @Test
    void theApplicationCannotRewriteOrDeleteAuditEntries() {
        hub.jobFunction("X");
        long seq = lastSeq();
        assertThatThrownBy(() -> jdbc.update("update audit_entry set actor = 'someone else' where seq = ?", seq))
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from audit_entry where seq = ?", seq)).rootCause().hasMessageContaining("append-only");
    }

    @Test
    void verifyNamesAnEntryChangedBehindTheHub() {
        String code = hub.jobFunction("TAMPER");
        long seq = hub.audit("job-function", code).get(0).path("seq").asLong();
        assertThat(hub.get("/api/audit/verify").path("status").asText()).isEqualTo("OK");
        String original = jdbc.queryForObject("select new_values from audit_entry where seq = ?", String.class, seq);
        withoutGuard(() -> jdbc.update("update audit_entry set new_values = ? where seq = ?", original.replace("TAMPER", "FORGED"), seq));
        try {
            JsonNode verify = hub.get("/api/audit/verify");
            assertThat(verify.path("status").asText()).isEqualTo("BROKEN");
            assertThat(verify.path("firstBrokenEntry").asLong()).isEqualTo(seq);
            assertThat(verify.path("detail").asText()).contains("entry " + seq).contains("job-function " + code)
                    .contains("does not match its hash");
        } finally {
            withoutGuard(() -> jdbc.update("update audit_entry set new_values = ? where seq = ?", original, seq));
        }
        assertThat(hub.get("/api/audit/verify").path("status").asText()).isEqualTo("OK");
    }

    @Test
    void verifyNamesADeletedEntryAndATruncatedTail() {
        hub.jobFunction("GONE");
        hub.jobFunction("AFTER");
        long last = lastSeq();
        long middle = last - 1;
        Map<String, Object> row = jdbc.queryForMap("select * from audit_entry where seq = ?", middle);
        withoutGuard(() -> jdbc.update("delete from audit_entry where seq = ?", middle));
        try {
            JsonNode verify = hub.get("/api/audit/verify");
            assertThat(verify.path("status").asText()).isEqualTo("BROKEN");
            assertThat(verify.path("firstBrokenEntry").asLong()).isEqualTo(middle);
            assertThat(verify.path("detail").asText()).contains("entry " + middle + " missing");
        } finally {
            reinsert(row);
        }
        Map<String, Object> tail = jdbc.queryForMap("select * from audit_entry where seq = ?", last);
        withoutGuard(() -> jdbc.update("delete from audit_entry where seq = ?", last));
        try {
            JsonNode verify = hub.get("/api/audit/verify");
            assertThat(verify.path("status").asText()).isEqualTo("BROKEN");
            assertThat(verify.path("firstBrokenEntry").asLong()).isEqualTo(last);
            assertThat(verify.path("detail").asText()).contains("entries " + last + " to " + last + " missing");
        } finally {
            reinsert(tail);
        }
        JsonNode ok = hub.get("/api/audit/verify");
        assertThat(ok.path("status").asText()).isEqualTo("OK");
        assertThat(ok.path("count").asLong()).isGreaterThanOrEqualTo(last);
        assertThat(ok.path("headHash").asText()).hasSize(64);
    }

    @Test
    void badQueriesAreRefusedNamingTheParameter() {
        ResponseEntity<JsonNode> unknown = hub.getEntity("/api/audit?entity=spaceship&id=1");
        assertThat(unknown.getStatusCode().value()).isEqualTo(400);
        assertThat(unknown.getBody().path("errors").get(0).path("field").asText()).isEqualTo("entity");
        assertThat(hub.getEntity("/api/audit?id=1").getBody().path("errors").get(0).path("field").asText()).isEqualTo("entity");
        assertThat(hub.getEntity("/api/audit?from=yesterday").getBody().path("errors").get(0).path("field").asText()).isEqualTo("from");
        assertThat(hub.getEntity("/api/audit?limit=0").getStatusCode().value()).isEqualTo(400);
    }

    private long lastSeq() {
        return jdbc.queryForObject("select max(seq) from audit_entry", Long.class);
    }

    private static List<String> actions(JsonNode entries) {
        return entries.findValuesAsText("action");
    }

    private void reinsert(Map<String, Object> row) {
        withoutGuard(() -> jdbc.update("insert into audit_entry (seq, recorded_at, actor, via, action, entity_type, entity_id, old_values,"
                + " new_values, reason, event_source, event_id, event_time, prev_hash, entry_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?)", row.get("seq"), row.get("recorded_at"), row.get("actor"), row.get("via"), row.get("action"),
                row.get("entity_type"), row.get("entity_id"), row.get("old_values"), row.get("new_values"), row.get("reason"),
                row.get("event_source"), row.get("event_id"), row.get("event_time"), row.get("prev_hash"), row.get("entry_hash")));
    }

    /** Does what only someone with the table owner's rights could: switches the append-only guard off for one statement. */
    private void withoutGuard(Runnable tamper) {
        boolean postgres = isPostgres();
        if (postgres) {
            jdbc.execute("alter table audit_entry disable trigger audit_entry_append_only");
        } else {
            jdbc.execute("drop trigger audit_entry_append_only");
        }
        try {
            tamper.run();
        } finally {
            if (postgres) {
                jdbc.execute("alter table audit_entry enable trigger audit_entry_append_only");
            } else {
                jdbc.execute("create trigger audit_entry_append_only before update, delete on audit_entry for each row call"
                        + " 'com.closeloop.audit.AppendOnlyTrigger'");
            }
        }
    }

    private boolean isPostgres() {
        return Boolean.TRUE.equals(jdbc.execute((Connection c) -> {
            try {
                return c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }));
    }
}
