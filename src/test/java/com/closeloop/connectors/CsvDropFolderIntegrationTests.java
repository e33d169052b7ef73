package com.closeloop.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.closeloop.support.Eventually;
import com.closeloop.support.Hub;
import com.closeloop.support.IntegrationTest;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** CSV drop folders: rows through the one event path, bad rows reported by line, files archived, re-drops idempotent. */
@IntegrationTest
class CsvDropFolderIntegrationTests {

    static final Path DROP = temp("closeloop-drop");
    static final Path CONNECTORS = temp("closeloop-connectors");

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) throws IOException {
        Eventually.copyTree(Path.of("connectors"), CONNECTORS);
        Path test = Files.createDirectories(CONNECTORS.resolve("test-jobfunctions"));
        Files.writeString(test.resolve("mapping.yaml"), """
                type: closeloop.jobfunction.upserted
                idColumn: ID
                sourceColumn: SOURCE
                fields:
                  code: {column: CODE}
                  name: {column: NAME}
                """);
        Path plain = Files.createDirectories(CONNECTORS.resolve("test-plain"));
        Files.writeString(plain.resolve("mapping.yaml"), """
                type: closeloop.jobfunction.upserted
                fields:
                  code: {column: CODE}
                  name: {column: NAME}
                """);
        registry.add("closeloop.connectors.drop-root", DROP::toString);
        registry.add("closeloop.connectors.dir", CONNECTORS::toString);
        registry.add("closeloop.connectors.poll-delay", () -> 200);
    }

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CamelContext camel;

    @Autowired
    ConnectionFactory connectionFactory;

    Hub hub;

    @BeforeEach
    void setUp() {
        hub = new Hub(http, jdbc);
    }

    @Test
    void validRowsGoInBadRowsAreReportedByLineAndReDroppingChangesNothing() throws IOException {
        String prefix = hub.id("CSV");
        StringBuilder csv = new StringBuilder("CODE,NAME\n");
        for (int i = 1; i <= 100; i++) {
            if (i == 10) {
                csv.append(prefix).append("-10,\n");                  // name missing
            } else if (i == 50) {
                csv.append(prefix).append("-50,Too,many,columns\n");  // wrong column count
            } else if (i == 90) {
                csv.append(prefix).append(" 90,Space in code\n");     // code with a space
            } else {
                csv.append(prefix).append('-').append(i).append(",Function ").append(i).append('\n');
            }
        }
        Path file = drop("test-plain", prefix + ".csv", csv.toString());

        Eventually.await(() -> Files.exists(file.getParent().resolve("failed").resolve(prefix + ".csv")), Duration.ofSeconds(60));
        assertThat(hub.count("select count(*) from job_function where code like ?", prefix + "%")).isEqualTo(97);
        List<String> report = Files.readAllLines(file.getParent().resolve("failed").resolve(prefix + ".csv.errors.csv"));
        assertThat(report.get(0)).isEqualTo("\"line\",\"column\",\"field\",\"message\"");
        assertThat(report).hasSize(4);
        assertThat(report.get(1)).startsWith("\"11\",\"NAME\",\"name\",\"is required");
        assertThat(report.get(2)).startsWith("\"51\",").contains("expected 2 columns, found 4");
        assertThat(report.get(3)).startsWith("\"91\",\"CODE\",\"code\",\"must not contain spaces");
        int events = hub.count("select count(*) from processed_event where event_source = 'urn:closeloop:connector:test-plain'");

        Path again = drop("test-plain", prefix + "-again.csv", csv.toString());
        Eventually.await(() -> Files.exists(again.getParent().resolve("failed").resolve(prefix + "-again.csv")), Duration.ofSeconds(60));
        assertThat(hub.count("select count(*) from processed_event where event_source = 'urn:closeloop:connector:test-plain'"))
                .isEqualTo(events);
        assertThat(hub.count("select count(*) from job_function where code like ?", prefix + "%")).isEqualTo(97);
    }

    @Test
    void aCleanFileIsArchivedInDone() throws IOException {
        String prefix = hub.id("OK");
        Path file = drop("test-plain", prefix + ".csv", "CODE,NAME\n" + prefix + "-1,One\n" + prefix + "-2,\"Two, quoted\"\n");
        Eventually.await(() -> Files.exists(file.getParent().resolve("done").resolve(prefix + ".csv")), Duration.ofSeconds(60));
        assertThat(hub.count("select count(*) from job_function where code like ?", prefix + "%")).isEqualTo(2);
        assertThat(jdbc.queryForObject("select name from job_function where code = ?", String.class, prefix + "-2")).isEqualTo("Two, quoted");
    }

    @Test
    void theSameEventOverRestJmsAndCsvIsAppliedOnce() throws Exception {
        String code = hub.id("SAME");
        Map<String, Object> event = Hub.event("jobfunction.upserted", null, Map.of("code", code, "name", "via REST"));
        assertThat(hub.post(event).getStatusCode().value()).isEqualTo(202);
        NotifyBuilder jmsDone = new NotifyBuilder(camel).fromRoute("ingest-jms").whenDone(1).create();
        try (JMSContext jms = connectionFactory.createContext()) {
            jms.createProducer().send(jms.createQueue("closeloop.events.in"), new ObjectMapper().writeValueAsString(event));
        }
        assertThat(jmsDone.matches(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        Path file = drop("test-jobfunctions", code + ".csv", "ID,SOURCE,CODE,NAME\n" + event.get("id") + "," + Hub.SOURCE + "," + code
                + ",via CSV\n");
        Eventually.await(() -> Files.exists(file.getParent().resolve("done").resolve(code + ".csv")), Duration.ofSeconds(60));
        assertThat(jdbc.queryForObject("select name from job_function where code = ?", String.class, code)).isEqualTo("via REST");
        assertThat(hub.count("select count(*) from processed_event where event_id = ?", event.get("id"))).isEqualTo(1);
    }

    @Test
    void theShippedConnectorsMapTheirSamples() throws IOException {
        // The hub's reference data for the samples: job functions, documents and people they name.
        for (String code : List.of("QA-REVIEWER", "MFG-CLEAN-OP", "MFG-PACK-OP")) {
            hub.apply("jobfunction.upserted", null, Map.of("code", code, "name", code));
        }
        Path roster = drop("hr-roster", hub.id("roster") + ".csv", Files.readString(Path.of("connectors/hr-roster/sample.csv")));
        Eventually.await(() -> Files.exists(roster.getParent().resolve("done").resolve(roster.getFileName())), Duration.ofSeconds(60));
        assertThat(jdbc.queryForList("select job_function_code from job_function_holding where employee_id = 'E1004'"
                + " and retracted_at is null order by job_function_code", String.class)).containsExactly("MFG-CLEAN-OP", "MFG-PACK-OP");
        assertThat(jdbc.queryForObject("select valid_from from job_function_holding where employee_id = 'E1004'"
                + " and job_function_code = 'MFG-CLEAN-OP' and retracted_at is null", java.sql.Date.class).toString()).isEqualTo("2025-10-01");

        Path versions = drop("eqms-versions", hub.id("versions") + ".csv", """
                EXPORT_ID,DocNumber,Title,Category,Revision,ChangeType,EffectiveDate,CCR,ApprovedAt
                %s,%s,Cleaning,CRITICAL,1.0,Major,2026-01-15,CC-1,2026-01-02T10:15:00Z
                """.formatted(hub.id("EXP-1"), hub.id("SOP-CSV")));
        Eventually.await(() -> Files.exists(versions.getParent().resolve("done").resolve(versions.getFileName())), Duration.ofSeconds(60));
        assertThat(hub.count("select count(*) from document_version where document_number = ? and change_control_id = 'CC-1'",
                hub.id("SOP-CSV"))).isEqualTo(1);

        Path matrix = drop("training-matrix", hub.id("matrix") + ".csv", "DOC_NO,JOB_CODE,METHOD,RETRAIN_MONTHS,ACTION\n"
                + hub.id("SOP-CSV") + ",MFG-CLEAN-OP,TEST,12,ADD\n");
        Eventually.await(() -> Files.exists(matrix.getParent().resolve("done").resolve(matrix.getFileName())), Duration.ofSeconds(60));
        assertThat(hub.count("select count(*) from matrix_entry where document_number = ? and training_method = 'ASSESSMENT'"
                + " and retrain_every_months = 12", hub.id("SOP-CSV"))).isEqualTo(1);

        Path lms = drop("legacy-lms", hub.id("lms") + ".csv", "USER_ID,COURSE_DOC,COURSE_REV,DATE_COMPLETED,TYPE,SCORE,TRAINER\n"
                + "E1004," + hub.id("SOP-CSV") + ",1.0,01/20/2026 09:30,EXAM,91,\n");
        Eventually.await(() -> Files.exists(lms.getParent().resolve("done").resolve(lms.getFileName())), Duration.ofSeconds(60));
        assertThat(jdbc.queryForMap("select completed_at, score, counts from training_completion where employee_id = 'E1004'"
                + " and document_number = ?", hub.id("SOP-CSV")).get("counts")).isEqualTo(true);
        assertThat(jdbc.queryForObject("select completed_at from training_completion where employee_id = 'E1004' and document_number = ?",
                java.time.OffsetDateTime.class, hub.id("SOP-CSV")).toInstant().toString()).isEqualTo("2026-01-20T08:30:00Z");
    }

    @Test
    void aFileForAnUnknownConnectorIsMovedAsideWithAReport() throws IOException {
        Path file = drop("no-such-system", hub.id("x") + ".csv", "A,B\n1,2\n");
        // the report is written first, then the file moved beside it: wait for the move
        Eventually.await(() -> Files.exists(file.getParent().resolve("failed").resolve(file.getFileName())), Duration.ofSeconds(60));
        assertThat(Files.readString(file.getParent().resolve("failed").resolve(file.getFileName() + ".errors.csv")))
                .contains("no mapping for connector 'no-such-system'");
    }

    private static Path drop(String connector, String name, String content) throws IOException {
        Path dir = Files.createDirectories(DROP.resolve(connector));
        Path staging = Files.createTempFile("drop", ".tmp");
        Files.writeString(staging, content, StandardCharsets.UTF_8);
        Path target = dir.resolve(name);
        Files.move(staging, target);
        return target;
    }

    private static Path temp(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
