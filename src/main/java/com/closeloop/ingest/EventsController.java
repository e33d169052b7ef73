package com.closeloop.ingest;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.closeloop.security.EventPermissions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.ProducerTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/events}: CloudEvents over HTTP, structured mode ({@code application/cloudevents+json} or
 * {@code application/json}) or binary mode ({@code ce-*} headers, body = data). The event is handed to the
 * {@code direct:closeloop-events} route (routes/ingest/events.yaml) like every other channel's.
 */
@RestController
public class EventsController {

    static final String EVENTS_ROUTE = "direct:closeloop-events";
    static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    private final ProducerTemplate camel;
    private final CloudEventParser parser;
    private final EventPermissions permissions;

    public EventsController(ProducerTemplate camel, CloudEventParser parser, EventPermissions permissions) {
        this.camel = camel;
        this.parser = parser;
        this.permissions = permissions;
    }

    @PostMapping(path = "/api/events", consumes = { "application/cloudevents+json", MediaType.APPLICATION_JSON_VALUE })
    public ResponseEntity<?> submit(@RequestBody(required = false) byte[] bytes, @RequestHeader HttpHeaders headers,
            Authentication caller) {
        String body;
        try {
            body = Utf8.strict(bytes);
        } catch (InvalidEventException e) {
            return problem(EventOutcome.rejected(null, null, e));
        }
        String structured;
        if (headers.containsKey("ce-specversion")) {
            structured = toStructured(headers, body);
            if (structured == null) {
                return problem(EventOutcome.rejected(null, null, InvalidEventException.malformed("data",
                        "binary-mode body must be a JSON object")));
            }
        } else {
            structured = body;
        }
        Optional<String> refusal = refusal(caller, structured);
        if (refusal.isPresent()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, refusal.get());
            problem.setTitle("Forbidden");
            problem.setType(URI.create("urn:closeloop:problem:forbidden"));
            return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(PROBLEM).body(problem);
        }
        EventOutcome outcome = camel.requestBody(EVENTS_ROUTE, structured == null ? "" : structured, EventOutcome.class);
        return switch (outcome.status()) {
            case APPLIED -> ResponseEntity.status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON).body(outcome);
            case DUPLICATE -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(outcome);
            case REJECTED -> problem(outcome);
        };
    }

    /** Whether the caller's role allows this event type; events whose type cannot be read are left to validation. */
    private Optional<String> refusal(Authentication caller, String structured) {
        if (caller == null || structured == null) {
            return Optional.empty();
        }
        try {
            JsonNode event = parser.readTree(structured);
            if (event == null || !event.isObject()) {
                return Optional.empty();
            }
            return permissions.refusal(caller, event.path("type").asText(null), event.get("data"));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    static ResponseEntity<ProblemDetail> problem(EventOutcome outcome) {
        HttpStatus status = outcome.unprocessable() ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.BAD_REQUEST;
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create("urn:closeloop:problem:" + (outcome.unprocessable() ? "unprocessable-event" : "invalid-event")));
        problem.setTitle(outcome.unprocessable() ? "Event cannot be applied" : "Invalid event");
        problem.setDetail(FieldError.join(outcome.errors()));
        if (outcome.eventId() != null) {
            problem.setProperty("eventId", outcome.eventId());
        }
        problem.setProperty("eventStatus", EventOutcome.Status.REJECTED);
        problem.setProperty("errors", outcome.errors());
        return ResponseEntity.status(status).contentType(PROBLEM).body(problem);
    }

    /** CloudEvents HTTP binary mode → structured JSON; null when the body is not a JSON object. */
    private String toStructured(HttpHeaders headers, String body) {
        ObjectNode event = parser.mapper().createObjectNode();
        for (Map.Entry<String, java.util.List<String>> header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("ce-") && !header.getValue().isEmpty()) {
                event.put(name.substring(3), header.getValue().get(0));
            }
        }
        MediaType contentType = headers.getContentType();
        event.put("datacontenttype", contentType == null ? MediaType.APPLICATION_JSON_VALUE : contentType.toString());
        try {
            JsonNode data = body == null || body.isBlank() ? null : parser.readTree(body);
            if (data == null || !data.isObject()) {
                return null;
            }
            event.set("data", data);
            return parser.mapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
