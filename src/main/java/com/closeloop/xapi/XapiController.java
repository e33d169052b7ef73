package com.closeloop.xapi;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.closeloop.facts.PlantFacts;
import com.closeloop.ingest.EventOutcome;
import com.closeloop.ingest.FieldError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/xapi/statements}: xAPI 1.0.3 statements from an external LMS (one or an array). {@code completed}
 * and {@code passed} statements become {@code closeloop.training.completed} events on the one event path (statement
 * id = event id, so a re-sent statement is a DUPLICATE); other verbs are accepted and IGNORED. Malformed statements:
 * 400 naming each field; a completion whose actor or activity cannot be mapped: 422 naming {@code actor} or
 * {@code object.id}; in both cases nothing is stored.
 */
@RestController
class XapiController {

    record StatementResult(String statementId, String status) {
    }

    private record Completion(XapiStatement statement, String employeeId, ActivityIds.DocumentRef document) {
    }

    private final ObjectMapper json;
    private final XapiStatementReader reader;
    private final ActivityIds activities;
    private final PlantFacts facts;
    private final ProducerTemplate camel;
    private final String source;

    XapiController(ObjectMapper json, PlantFacts facts, ProducerTemplate camel,
            @Value("${closeloop.xapi.activity-id-template:" + ActivityIds.DEFAULT_TEMPLATE + "}") String template,
            @Value("${closeloop.xapi.source:urn:closeloop:xapi}") String source) {
        this.json = json;
        this.reader = new XapiStatementReader(json);
        this.activities = new ActivityIds(template);
        this.facts = facts;
        this.camel = camel;
        this.source = source;
    }

    @PostMapping(path = "/api/xapi/statements", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> statements(@RequestBody(required = false) byte[] bytes) {
        String body;
        try {
            body = com.closeloop.ingest.Utf8.strict(bytes);
        } catch (com.closeloop.ingest.InvalidEventException e) {
            return problem(HttpStatus.BAD_REQUEST, e.errors());
        }
        JsonNode tree;
        try {
            tree = body == null || body.isBlank() ? null : json.readerFor(JsonNode.class)
                    .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        } catch (JsonProcessingException e) {
            return problem(HttpStatus.BAD_REQUEST, List.of(new FieldError("body", "is not valid JSON")));
        }
        if (tree == null) {
            return problem(HttpStatus.BAD_REQUEST, List.of(new FieldError("body", "is empty; expected a statement or an array of them")));
        }
        List<XapiStatement> statements;
        try {
            statements = reader.read(tree);
        } catch (XapiValidationException e) {
            return problem(HttpStatus.BAD_REQUEST, e.errors());
        }
        String prefix = tree.isArray() ? "[%d]." : "";
        List<FieldError> unmapped = new ArrayList<>();
        Map<Integer, Completion> completions = new LinkedHashMap<>();
        for (int i = 0; i < statements.size(); i++) {
            XapiStatement statement = statements.get(i);
            if (!statement.completes()) {
                continue;
            }
            String at = prefix.isEmpty() ? "" : String.format(prefix, i);
            Optional<String> employee = employee(statement);
            Optional<ActivityIds.DocumentRef> document = activities.parse(statement.objectId()).filter(this::approved);
            if (employee.isEmpty()) {
                unmapped.add(new FieldError(at + "actor", "no employee with this " + (statement.actorAccountName() != null
                        ? "account name (employee id) '" + statement.actorAccountName() + "'" : "mbox " + statement.actorMbox())));
            }
            if (document.isEmpty()) {
                unmapped.add(new FieldError(at + "object.id", "'" + statement.objectId() + "' is not an approved document version"
                        + " (expected " + activities.template() + ")"));
            }
            if (employee.isPresent() && document.isPresent()) {
                completions.put(i, new Completion(statement, employee.get(), document.get()));
            }
        }
        if (!unmapped.isEmpty()) {
            return problem(HttpStatus.UNPROCESSABLE_ENTITY, unmapped);
        }
        List<StatementResult> results = new ArrayList<>();
        for (int i = 0; i < statements.size(); i++) {
            Completion completion = completions.get(i);
            if (completion == null) {
                results.add(new StatementResult(statements.get(i).id(), "IGNORED"));
                continue;
            }
            EventOutcome outcome = camel.requestBody("direct:closeloop-events", event(completion), EventOutcome.class);
            if (outcome.status() == EventOutcome.Status.REJECTED) {
                return problem(outcome.unprocessable() ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.BAD_REQUEST, outcome.errors());
            }
            results.add(new StatementResult(completion.statement().id(), outcome.status().name()));
        }
        return ResponseEntity.ok(results);
    }

    private Optional<String> employee(XapiStatement statement) {
        if (statement.actorAccountName() != null) {
            return facts.employeeExists(statement.actorAccountName()) ? Optional.of(statement.actorAccountName()) : Optional.empty();
        }
        if (statement.actorMbox() != null && statement.actorMbox().startsWith("mailto:")) {
            return facts.employeeByEmail(statement.actorMbox().substring("mailto:".length()));
        }
        return Optional.empty();
    }

    private boolean approved(ActivityIds.DocumentRef document) {
        return facts.versions(document.documentNumber()).stream().anyMatch(v -> v.version().equals(document.version()));
    }

    private String event(Completion completion) {
        XapiStatement statement = completion.statement();
        ObjectNode event = json.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", statement.id());
        event.put("source", source);
        event.put("type", "closeloop.training.completed");
        if (statement.timestamp() != null) {
            event.put("time", statement.timestamp().toString());
        }
        ObjectNode data = event.putObject("data");
        data.put("employeeId", completion.employeeId());
        data.put("documentNumber", completion.document().documentNumber());
        data.put("version", completion.document().version());
        data.put("completedAt", statement.timestamp() != null ? statement.timestamp().toString() : Instant.now().toString());
        Double score = statement.score0to100();
        if (score != null) {
            data.put("score", Math.max(0, Math.min(100, score)));
        }
        return event.toString();
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, FieldError.join(errors));
        problem.setType(URI.create("urn:closeloop:problem:" + (status == HttpStatus.BAD_REQUEST ? "invalid-statement" : "unmapped-statement")));
        problem.setTitle(status == HttpStatus.BAD_REQUEST ? "Invalid xAPI statement" : "xAPI statement cannot be mapped");
        problem.setProperty("errors", errors);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
