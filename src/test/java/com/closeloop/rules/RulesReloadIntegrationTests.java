package com.closeloop.rules;

import static com.closeloop.support.Hub.holds;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.closeloop.support.Eventually;
import com.closeloop.support.Hub;
import com.closeloop.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Gated activation (issue: rules as a product): the hub runs on a copy of rules/ that the tests edit, as a
 * compliance lead would, then ask for POST /api/rules/reload.
 */
@IntegrationTest
class RulesReloadIntegrationTests {

    static final Path RULES = copyOfShippedRules();

    @DynamicPropertySource
    static void rulesFolder(DynamicPropertyRegistry registry) {
        registry.add("closeloop.rules.dir", RULES::toString);
        registry.add("closeloop.rules.max-firings", () -> "200000");
    }

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RuleEngine engine;

    Hub hub;
    String sop;
    String packing;

    @BeforeEach
    void restoreShippedRulesAndPlant() throws IOException {
        restore();
        assertThat(engine.activate("test set-up").activated()).isTrue();
        hub = new Hub(http, jdbc);
        packing = hub.jobFunction("PACK-OP");
        sop = hub.id("SOP-PK");
        hub.version(sop, "STANDARD", "1.0", "MAJOR", "2026-01-15", "2026-01-02T09:00:00Z");
        hub.person(hub.id("E1"), "ACTIVE", "2026-01-03T08:00:00Z", holds(packing, "2025-01-01"));
        hub.map(sop, packing, null, "2026-01-04T08:00:00Z");
        hub.complete(hub.id("E1"), sop, "1.0", "2026-01-10T10:00:00Z", Map.of());
    }

    @Test
    void aBrokenEditIsRefusedWithFileAndLineAndTheOldSetKeepsDeciding() throws IOException {
        String before = engine.active().version();
        edit("training-needs/revision.drl", "changeType == \"MAJOR\", category != \"CRITICAL\" )",
                "changeType == \"MAJOR\", categoryy != \"CRITICAL\" )");

        ResponseEntity<JsonNode> refused = hub.admin().postForEntity("/api/rules/reload", null, JsonNode.class);

        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody().path("errors").get(0).asText()).startsWith("training-needs/revision.drl:").contains("categoryy");
        assertThat(refused.getBody().path("activeVersion").asText()).isEqualTo(before);
        assertThat(engine.active().version()).isEqualTo(before);
        assertThat(hub.get("/api/rules").path("lastErrors").get(0).asText()).contains("revision.drl");
        JsonNode outcome = hub.version(sop, "STANDARD", "2.0", "MAJOR", "2026-04-01", "2026-03-10T09:00:00Z");
        assertThat(outcome.path("ruleSetVersion").asText()).isEqualTo(before);
        assertThat(hub.assignments(hub.id("E1"), "OPEN").get(0).path("dueDate").asText()).isEqualTo("2026-05-01");
        assertThat(hub.count("select count(*) from rule_set_activation where outcome = 'REFUSED' and errors like ?", "%categoryy%"))
                .isPositive();
    }

    @Test
    void anEditThatBreaksAScenarioIsRefusedNamingTheScenario() throws IOException {
        String before = engine.active().version();
        edit("training-needs/revision.drl", "$v.effectiveDate().plusDays(30),\n        \"MAJOR revision: due 30 days after effective\"",
                "$v.effectiveDate().plusDays(21),\n        \"MAJOR revision: due 30 days after effective\"");

        ResponseEntity<JsonNode> refused = hub.admin().postForEntity("/api/rules/reload", null, JsonNode.class);

        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody().path("scenariosFailed").asInt()).isEqualTo(1);
        assertThat(refused.getBody().path("errors").get(0).asText())
                .contains("revisions.yaml › MAJOR revision of a STANDARD document is due 30 days after effective")
                .contains("dueDate: expected 2026-05-01, got 2026-04-22");
        assertThat(engine.active().version()).isEqualTo(before);
    }

    @Test
    void aGoodEditIsActivatedAndTheNextRevisionUsesItWhileOlderAssignmentsKeepTheirVersion() throws IOException {
        String before = engine.active().version();
        JsonNode first = hub.version(sop, "STANDARD", "2.0", "MAJOR", "2026-04-01", "2026-03-10T09:00:00Z");
        assertThat(first.path("ruleSetVersion").asText()).isEqualTo(before);

        // The compliance lead shortens the STANDARD window to 21 days and updates the scenario that pins it.
        edit("training-needs/revision.drl", "rule \"MAJOR revision: retrain within 30 days of effective\"",
                "rule \"MAJOR revision: retrain within 21 days of effective\"");
        edit("training-needs/revision.drl", "$v.effectiveDate().plusDays(30),\n        \"MAJOR revision: due 30 days after effective\"",
                "$v.effectiveDate().plusDays(21),\n        \"MAJOR revision: due 21 days after effective\"");
        edit("scenarios/revisions.yaml", "is due 30 days after effective", "is due 21 days after effective");
        edit("scenarios/revisions.yaml", "{kind: ASSIGN, employeeId: E1, dueDate: 2026-05-01}", "{kind: ASSIGN, employeeId: E1, dueDate: 2026-04-22}");

        ResponseEntity<JsonNode> activated = hub.admin().postForEntity("/api/rules/reload", null, JsonNode.class);
        assertThat(activated.getStatusCode().value()).as(String.valueOf(activated.getBody())).isEqualTo(200);
        String after = activated.getBody().path("version").asText();
        assertThat(after).isNotEqualTo(before);
        assertThat(activated.getBody().path("previousVersion").asText()).isEqualTo(before);
        assertThat(activated.getBody().path("scenariosRun").asInt()).isGreaterThanOrEqualTo(20);
        assertThat(hub.get("/api/rules").path("version").asText()).isEqualTo(after);

        hub.complete(hub.id("E1"), sop, "2.0", "2026-03-20T10:00:00Z", Map.of());
        JsonNode second = hub.version(sop, "STANDARD", "3.0", "MAJOR", "2026-06-01", "2026-05-10T09:00:00Z");
        assertThat(second.path("ruleSetVersion").asText()).isEqualTo(after);
        List<Map<String, Object>> rows = hub.assignmentRows(sop);
        assertThat(rows).filteredOn(r -> "2.0".equals(r.get("version"))).singleElement()
                .satisfies(r -> assertThat(r.get("rule_set_version")).isEqualTo(before));
        assertThat(rows).filteredOn(r -> "3.0".equals(r.get("version"))).singleElement().satisfies(r -> {
            assertThat(r.get("rule_set_version")).isEqualTo(after);
            assertThat(r.get("due_date").toString()).isEqualTo("2026-06-22");
            assertThat(r.get("rule_name")).isEqualTo("MAJOR revision: retrain within 21 days of effective");
        });
        assertThat(hub.count("select count(*) from rule_set_activation where outcome = 'ACTIVATED' and rule_set_version = ?", after))
                .isPositive();
    }

    @Test
    void aLoopingRuleIsStoppedAndNamed() throws IOException {
        Files.writeString(RULES.resolve("training-needs/looping.drl"), """
                package closeloop.looping;
                import com.closeloop.rules.facts.VersionApproved;
                import com.closeloop.rules.facts.Holder;

                rule "Looping: re-inserts what it matches"
                when
                    $v : VersionApproved( documentNumber == "LOOP" )
                    Holder( $e : employeeId )
                then
                    insert(new Holder($e, "LOOP"));
                end
                """);
        Files.writeString(RULES.resolve("scenarios/looping.yaml"), """
                scenarios:
                  - name: a revision of LOOP
                    given:
                      - VersionApproved: {documentNumber: LOOP, category: STANDARD, version: "2", seq: 2, changeType: MINOR,
                                          effectiveDate: 2026-03-01, eventDate: 2026-02-10, firstVersion: false}
                      - Holder: {employeeId: E1, jobFunctionCode: X}
                    expect:
                      - {kind: RETRAINING_NOT_REQUIRED}
                """);
        ResponseEntity<JsonNode> refused = hub.admin().postForEntity("/api/rules/reload", null, JsonNode.class);
        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody().path("errors").get(0).asText()).contains("looping.yaml")
                .contains("rule 'Looping: re-inserts what it matches' kept firing");
    }

    @Test
    void aPreviewDecidesButWritesNothing() {
        String before = hub.snapshot();
        int events = hub.count("select count(*) from processed_event");
        Map<String, Object> revision = Hub.event("document.version.approved", "2026-03-10T09:00:00Z", Map.of("documentNumber", sop,
                "title", "T", "category", "STANDARD", "version", "2.0", "changeType", "MAJOR", "effectiveDate", "2026-04-01"));

        ResponseEntity<JsonNode> preview = hub.admin().postForEntity("/api/preview", revision, JsonNode.class);

        assertThat(preview.getStatusCode().value()).isEqualTo(200);
        assertThat(preview.getBody().path("status").asText()).isEqualTo("PREVIEW");
        assertThat(preview.getBody().path("persisted").asBoolean()).isFalse();
        assertThat(preview.getBody().path("decisions").findValuesAsText("kind")).containsExactlyInAnyOrder("RETRAINING_REQUIRED", "ASSIGN");
        JsonNode impact = preview.getBody().path("impact");
        assertThat(impact.path("holders").asInt()).isEqualTo(1);
        assertThat(impact.path("notQualified").get(0).path("employeeId").asText()).isEqualTo(hub.id("E1"));
        assertThat(impact.path("notQualified").get(0).path("reason").asText()).isEqualTo("REQUIRED_VERSION_NOT_COMPLETED");
        assertThat(hub.snapshot()).isEqualTo(before);
        assertThat(hub.count("select count(*) from processed_event")).isEqualTo(events);

        // The same event sent for real afterwards is applied normally.
        assertThat(hub.post(revision).getStatusCode().value()).isEqualTo(202);
        JsonNode explained = hub.get("/api/decisions?eventId=" + revision.get("id"));
        assertThat(explained.get(0).path("type").asText()).isEqualTo("closeloop.document.version.approved");
        assertThat(explained.get(0).path("decisions").findValuesAsText("kind")).containsExactly("ASSIGN", "RETRAINING_REQUIRED");
        assertThat(explained.get(0).path("decisions").get(0).path("ruleName").asText()).isEqualTo("MAJOR revision: retrain within 30 days of effective");
    }

    private static void edit(String file, String from, String to) throws IOException {
        Path path = RULES.resolve(file);
        String text = Files.readString(path);
        assertThat(text).as("edit target in " + file).contains(from);
        Files.writeString(path, text.replace(from, to));
    }

    private static Path copyOfShippedRules() {
        try {
            Path target = Files.createTempDirectory("closeloop-rules");
            Eventually.copyTree(Path.of("rules"), target);
            return target;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void restore() throws IOException {
        try (Stream<Path> files = Files.walk(RULES)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(RULES)) {
                    Files.delete(p);
                }
            }
        }
        Eventually.copyTree(Path.of("rules"), RULES);
    }
}
