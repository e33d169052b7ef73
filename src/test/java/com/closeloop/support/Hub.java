package com.closeloop.support;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Drives a running hub over HTTP the way a plant system would, and reads its database to check outcomes.
 * Every code it makes carries a per-test prefix, so tests never see each other's records even when they
 * share one database (the PostgreSQL run).
 */
public final class Hub {

    public static final String SOURCE = "urn:closeloop:test";
    /** Set in application-test.yaml (closeloop.bootstrap-api-key): an INGEST key, as a plant system would hold. */
    public static final String INGEST_KEY = "test-ingest-key-0123456789";
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-test-password";

    private final TestRestTemplate http;
    private final TestRestTemplate raw;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();
    private final String prefix;

    /** Events are posted with the INGEST key; queries are made as the first admin (who holds every role in tests). */
    public Hub(TestRestTemplate http, JdbcTemplate jdbc) {
        this.http = http.withBasicAuth(ADMIN, ADMIN_PASSWORD);
        this.raw = http;
        this.jdbc = jdbc;
        this.prefix = "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** A code unique to this test, e.g. {@code id("SOP-1")} → {@code T1A2B3C4D-SOP-1}. */
    public String id(String name) {
        return prefix + "-" + name;
    }

    // --- events ----------------------------------------------------------------------------------

    public static Map<String, Object> event(String type, String time, Map<String, Object> data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", UUID.randomUUID().toString());
        event.put("source", SOURCE);
        event.put("type", "closeloop." + type);
        if (time != null) {
            event.put("time", time);
        }
        event.put("datacontenttype", "application/json");
        event.put("data", data);
        return event;
    }

    public ResponseEntity<JsonNode> post(Map<String, Object> event) {
        try {
            return postRaw(json.writeValueAsString(event), "application/cloudevents+json");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public ResponseEntity<JsonNode> postRaw(String body, String contentType) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(contentType));
        headers.set("X-Api-Key", INGEST_KEY);
        return raw.exchange("/api/events", HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    /** Posts and insists the event was applied; returns the outcome. */
    public JsonNode apply(String type, String time, Map<String, Object> data) {
        ResponseEntity<JsonNode> response = post(event(type, time, data));
        if (response.getStatusCode().value() != 202 || !"APPLIED".equals(response.getBody().path("status").asText())) {
            throw new AssertionError("expected APPLIED for " + type + " but got " + response.getStatusCode() + " " + response.getBody());
        }
        return response.getBody();
    }

    /** The HTTP client signed in as the first admin (every role in tests). */
    public TestRestTemplate admin() {
        return http;
    }

    public JsonNode get(String path) {
        ResponseEntity<JsonNode> response = http.getForEntity(path, JsonNode.class);
        if (!response.getStatusCode().is2xxSuccessful()) {
            throw new AssertionError("GET " + path + " answered " + response.getStatusCode() + " " + response.getBody());
        }
        return response.getBody();
    }

    public ResponseEntity<JsonNode> getEntity(String path) {
        return http.getForEntity(path, JsonNode.class);
    }

    // --- plant building blocks (codes are prefixed) ------------------------------------------------

    public String jobFunction(String name) {
        String code = id(name);
        apply("jobfunction.upserted", "2026-01-01T08:00:00Z", Map.of("code", code, "name", name));
        return code;
    }

    /** Approves a version; {@code time} is the event time (the decision's "now"). */
    public JsonNode version(String documentNumber, String category, String version, String changeType, String effectiveDate,
            String time) {
        return apply("document.version.approved", time, Map.of("documentNumber", documentNumber, "title", "Title of " + documentNumber,
                "category", category, "version", version, "changeType", changeType, "effectiveDate", effectiveDate));
    }

    public JsonNode map(String documentNumber, String jobFunctionCode, String method, String time) {
        Map<String, Object> data = new LinkedHashMap<>(Map.of("documentNumber", documentNumber, "jobFunctionCode", jobFunctionCode));
        if (method != null) {
            data.put("trainingMethod", method);
        }
        return apply("matrix.entry.upserted", time, data);
    }

    public JsonNode unmap(String documentNumber, String jobFunctionCode, String time) {
        return apply("matrix.entry.removed", time, Map.of("documentNumber", documentNumber, "jobFunctionCode", jobFunctionCode));
    }

    /** Upserts an employee; holdings as code, from[, to] triples. */
    public JsonNode person(String employeeId, String status, String time, String[]... holdings) {
        List<Map<String, Object>> functions = new ArrayList<>();
        for (String[] h : holdings) {
            Map<String, Object> holding = new LinkedHashMap<>();
            holding.put("code", h[0]);
            holding.put("from", h[1]);
            if (h.length > 2 && h[2] != null) {
                holding.put("to", h[2]);
            }
            functions.add(holding);
        }
        return apply("personnel.upserted", time, Map.of("employeeId", employeeId, "name", "Name of " + employeeId,
                "email", employeeId.toLowerCase() + "@plant.example", "status", status, "jobFunctions", functions));
    }

    public static String[] holds(String code, String from) {
        return new String[] { code, from };
    }

    public static String[] holds(String code, String from, String to) {
        return new String[] { code, from, to };
    }

    public JsonNode complete(String employeeId, String documentNumber, String version, String completedAt, Map<String, Object> extra) {
        Map<String, Object> data = new LinkedHashMap<>(Map.of("employeeId", employeeId, "documentNumber", documentNumber, "version",
                version, "completedAt", completedAt));
        data.putAll(extra);
        return apply("training.completed", completedAt, data);
    }

    // --- reading back ----------------------------------------------------------------------------

    public JsonNode assignments(String employeeId) {
        return get("/api/employees/" + employeeId + "/assignments");
    }

    public JsonNode assignments(String employeeId, String status) {
        return get("/api/employees/" + employeeId + "/assignments?status=" + status);
    }

    public JsonNode qualification(String employeeId, String documentNumber, String at) {
        return get("/api/qualification?employeeId=" + employeeId + "&documentNumber=" + documentNumber + (at == null ? "" : "&at=" + at));
    }

    /** Rows of this test's assignments for a document: employee, version, status, due date, reason. */
    public List<Map<String, Object>> assignmentRows(String documentNumber) {
        return jdbc.queryForList("select employee_id, version, status, due_date, effective_date, reason, rule_name, rule_set_version"
                + " from training_assignment where document_number = ? order by employee_id, version_seq", documentNumber);
    }

    /** A fingerprint of every row this test touched, to prove that something changed nothing. */
    public String snapshot() {
        String like = prefix + "%";
        StringBuilder text = new StringBuilder();
        for (String sql : List.of(
                "select employee_id, name, status from employee where employee_id like ? order by 1",
                "select employee_id, job_function_code, valid_from, valid_to, retracted_at from job_function_holding where employee_id like ? order by 1, 2, 3",
                "select code, name from job_function where code like ? order by 1",
                "select document_number, title, category from controlled_document where document_number like ? order by 1",
                "select document_number, version, seq from document_version where document_number like ? order by 1, 3",
                "select document_number, job_function_code, training_method, removed_at from matrix_entry where document_number like ? order by 1, 2, 4",
                "select assignment_id, status, due_date, open_key from training_assignment where employee_id like ? order by 1",
                "select completion_id, counts from training_completion where employee_id like ? order by 1",
                "select count(*) from decision_trail where employee_id like ?",
                "select count(*) from audit_entry where entity_id like ?")) {
            text.append(jdbc.queryForList(sql, like)).append('\n');
        }
        return text.toString();
    }

    /** The audit history of one record, oldest first. */
    public JsonNode audit(String entity, String id) {
        ResponseEntity<JsonNode> response = http.getForEntity("/api/audit?entity={entity}&id={id}", JsonNode.class, entity, id);
        if (!response.getStatusCode().is2xxSuccessful()) {
            throw new AssertionError("audit of " + entity + " " + id + " answered " + response.getStatusCode() + " " + response.getBody());
        }
        return response.getBody();
    }

    public int count(String sql, Object... args) {
        Integer n = jdbc.queryForObject(sql, Integer.class, args);
        return n == null ? 0 : n;
    }

    public static LocalDate date(String text) {
        return LocalDate.parse(text);
    }
}
