package com.closeloop.fuzz;

import static com.closeloop.support.Hub.holds;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.closeloop.support.Hub;
import com.closeloop.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The inputs {@link BadInputFuzzIntegrationTests} found answering 500 or wrongly applied (its {@code KnownBugs}), each
 * now refused with a 4xx naming what is wrong, nothing applied.
 */
@IntegrationTest
class FuzzFindingsIntegrationTests {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int port;

    Hub hub;
    String jf;
    String sop;
    String e1;

    @BeforeEach
    void plant() {
        hub = new Hub(http, jdbc);
        jf = hub.jobFunction("JF");
        sop = hub.id("SOP");
        e1 = hub.id("E1");
        hub.version(sop, "STANDARD", "1.0", "MAJOR", "2026-01-15", "2026-01-02T09:00:00Z");
        hub.person(e1, "ACTIVE", "2026-01-03T08:00:00Z", holds(jf, "2025-01-01"));
        hub.map(sop, jf, null, "2026-01-04T08:00:00Z");
    }

    private String event(String type, String time, String data) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"urn:closeloop:fuzz\",\"type\":\"closeloop." + type
                + "\"" + (time == null ? "" : ",\"time\":\"" + time + "\"") + ",\"data\":" + data + "}";
    }

    private void refused(ResponseEntity<JsonNode> response, int status, String field) {
        assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(status);
        assertThat(response.getBody().path("errors").findValuesAsText("field")).contains(field);
    }

    @Test
    void nonFiniteNumbersAreRefused() {
        String before = hub.snapshot();
        refused(hub.postRaw(event("training.completed", null, "{\"employeeId\":\"" + e1 + "\",\"documentNumber\":\"" + sop
                + "\",\"version\":\"1.0\",\"completedAt\":\"2026-01-20T10:00:00Z\",\"score\":1e400}"), "application/cloudevents+json"), 400,
                "score");
        assertThat(hub.snapshot()).isEqualTo(before);
    }

    @Test
    void yearsOutsideFourDigitsAreRefused() {
        String before = hub.snapshot();
        refused(hub.postRaw(event("document.version.approved", null, "{\"documentNumber\":\"" + sop + "\",\"title\":\"t\",\"category\":"
                + "\"STANDARD\",\"version\":\"2.0\",\"changeType\":\"MAJOR\",\"effectiveDate\":\"+999999999-12-31\"}"),
                "application/cloudevents+json"), 400, "effectiveDate");
        refused(hub.postRaw(event("personnel.upserted", null, "{\"employeeId\":\"" + e1 + "\",\"name\":\"n\",\"status\":\"ACTIVE\","
                + "\"jobFunctions\":[{\"code\":\"" + jf + "\",\"from\":\"2025-01-01\",\"to\":\"+999999999-12-31\"}]}"),
                "application/cloudevents+json"), 400, "jobFunctions[0].to");
        refused(hub.postRaw(event("jobfunction.upserted", "-999999999-01-01T00:00:00+18:00", "{\"code\":\"" + hub.id("X") + "\",\"name\":\"x\"}"),
                "application/cloudevents+json"), 400, "time");
        assertThat(hub.snapshot()).isEqualTo(before);
    }

    @Test
    void longRepeatedCodeListsAreDeduplicatedAndOverlongOnesRefused() {
        String repeated = String.join(",", java.util.Collections.nCopies(300, "\"" + sop + "\""));
        ResponseEntity<JsonNode> applied = hub.postRaw(event("change.notified", "2026-02-01T08:00:00Z", "{\"changeId\":\"" + hub.id("CH1")
                + "\",\"kind\":\"SUPPLIER_CHANGE\",\"documentNumbers\":[" + repeated + "]}"), "application/cloudevents+json");
        assertThat(applied.getStatusCode().value()).isEqualTo(202);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            many.append(i == 0 ? "" : ",").append("\"").append(hub.id("DOC-NUMBER-THAT-IS-LONG-" + i)).append("\"");
        }
        refused(hub.postRaw(event("change.notified", null, "{\"changeId\":\"" + hub.id("CH2") + "\",\"kind\":\"SUPPLIER_CHANGE\","
                + "\"documentNumbers\":[" + many + "]}"), "application/cloudevents+json"), 400, "documentNumbers");
    }

    @Test
    void trailingContentAndInvalidUtf8AreRefused() throws Exception {
        String before = hub.snapshot();
        String valid = event("jobfunction.upserted", null, "{\"code\":\"" + hub.id("TRAIL") + "\",\"name\":\"x\"}");
        refused(hub.postRaw(valid + " garbage", "application/cloudevents+json"), 400, "body");
        refused(hub.postRaw(valid + "{}", "application/cloudevents+json"), 400, "body");
        byte[] text = event("jobfunction.upserted", null, "{\"code\":\"" + hub.id("UTF") + "\",\"name\":\"AB\"}").getBytes(StandardCharsets.UTF_8);
        String asText = new String(text, StandardCharsets.ISO_8859_1);
        int at = asText.indexOf("\"AB\"") + 1;
        text[at] = (byte) 0xC3;
        text[at + 1] = (byte) 0x28;
        HttpResponse<String> utf = raw("/api/events", "application/cloudevents+json", text);
        assertThat(utf.statusCode()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(utf.body()).path("errors").findValuesAsText("field")).contains("body");
        assertThat(hub.snapshot()).isEqualTo(before);
        assertThat(hub.count("select count(*) from job_function where code in (?, ?)", hub.id("TRAIL"), hub.id("UTF"))).isZero();
    }

    @Test
    void malformedMultipartAndWildcardContentTypesAreClientErrors() throws Exception {
        for (String path : List.of("/api/events", "/api/xapi/statements", "/api/preview")) {
            HttpResponse<String> multipart = raw(path, "multipart/form-data; boundary=x", "--x\r\n\r\n--x--".getBytes(StandardCharsets.UTF_8));
            assertThat(multipart.statusCode()).as(path + " multipart").isBetween(400, 499);
            HttpResponse<String> noBoundary = raw(path, "multipart/form-data", "abc".getBytes(StandardCharsets.UTF_8));
            assertThat(noBoundary.statusCode()).as(path + " no boundary").isBetween(400, 499);
            for (String wildcard : List.of("*/*", "application/*")) {
                HttpResponse<String> response = raw(path, wildcard, new byte[0]);
                assertThat(response.statusCode()).as(path + " " + wildcard).isEqualTo(415);
                assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            }
        }
    }

    private HttpResponse<String> raw(String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (path.equals("/api/preview")) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((Hub.ADMIN + ":" + Hub.ADMIN_PASSWORD)
                    .getBytes(StandardCharsets.UTF_8)));
        } else {
            request.header("X-Api-Key", Hub.INGEST_KEY);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
