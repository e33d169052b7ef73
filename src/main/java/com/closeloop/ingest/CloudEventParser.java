package com.closeloop.ingest;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;

/**
 * Parses and validates the CloudEvents 1.0 structured-mode envelope (SPEC §3). Hand-written rather
 * than the CloudEvents SDK because every problem must be reported per field, and the SDK stops at
 * the first with a generic message.
 */
@Component
public class CloudEventParser {

    static final int MAX_ID_LENGTH = 200;
    static final int MAX_SOURCE_LENGTH = 500;

    private final ObjectMapper json;

    public CloudEventParser() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(1_000_000).build())
                .build();
        // a document followed by anything else is refused, not half-read
        this.json = new ObjectMapper(factory).enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Calendar years the hub accepts in dates and timestamps: four digits (anything else is a typo or an attack). */
    public static final int MIN_YEAR = 1000;
    public static final int MAX_YEAR = 9999;

    public static boolean plausibleYear(int year) {
        return year >= MIN_YEAR && year <= MAX_YEAR;
    }

    public CloudEvent parse(String body) {
        if (body == null || body.isBlank()) {
            throw InvalidEventException.malformed("body", "is empty; expected a CloudEvents JSON object");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (StreamConstraintsException e) {
            throw InvalidEventException.malformed("body", "exceeds the JSON limits (nesting depth 64, strings of 1,000,000 characters)");
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            throw InvalidEventException.malformed("body", "is not valid JSON"
                    + (where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")"));
        }
        if (root == null || !root.isObject()) {
            throw InvalidEventException.malformed("body", "must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        JsonNode specversion = root.get("specversion");
        if (specversion == null || specversion.isNull()) {
            errors.add(new FieldError("specversion", "is required and must be \"1.0\""));
        } else if (!specversion.isTextual() || !"1.0".equals(specversion.asText())) {
            errors.add(new FieldError("specversion", "must be \"1.0\""));
        }
        String id = requiredText(root, "id", MAX_ID_LENGTH, errors);
        String source = requiredText(root, "source", MAX_SOURCE_LENGTH, errors);
        if (source != null && source.chars().anyMatch(Character::isWhitespace)) {
            errors.add(new FieldError("source", "must be a URI-reference (no spaces)"));
        }
        String type = requiredText(root, "type", 100, errors);
        OffsetDateTime time = null;
        JsonNode timeNode = root.get("time");
        if (timeNode != null && !timeNode.isNull()) {
            if (!timeNode.isTextual()) {
                errors.add(new FieldError("time", "must be an RFC 3339 timestamp string"));
            } else {
                try {
                    time = OffsetDateTime.parse(timeNode.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                    if (!plausibleYear(time.getYear())) {
                        errors.add(new FieldError("time", "year must have four digits (" + MIN_YEAR + "-" + MAX_YEAR + ")"));
                        time = null;
                    }
                } catch (DateTimeParseException e) {
                    errors.add(new FieldError("time", "must be an RFC 3339 timestamp with offset, e.g. 2026-03-01T08:00:00Z; got '"
                            + abbreviate(timeNode.asText()) + "'"));
                }
            }
        }
        JsonNode contentType = root.get("datacontenttype");
        if (contentType != null && !contentType.isNull()
                && (!contentType.isTextual() || !contentType.asText().toLowerCase().startsWith("application/json"))) {
            errors.add(new FieldError("datacontenttype", "must be application/json"));
        }
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            errors.add(new FieldError("data", "is required and must be a JSON object"));
        } else if (!data.isObject()) {
            errors.add(new FieldError("data", "must be a JSON object"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidEventException(errors, false);
        }
        return new CloudEvent(id, source, type, time, data, body);
    }

    /** Reads JSON text into a tree with the same limits as {@link #parse}. */
    public JsonNode readTree(String text) throws JsonProcessingException {
        return json.readTree(text);
    }

    public ObjectMapper mapper() {
        return json;
    }

    private static String requiredText(JsonNode root, String field, int maxLength, List<FieldError> errors) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        String value = node.asText();
        if (value.isBlank()) {
            errors.add(new FieldError(field, "must not be empty"));
            return null;
        }
        if (value.length() > maxLength) {
            errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
            return null;
        }
        return value;
    }

    static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
