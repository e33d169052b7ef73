package com.closeloop.xapi;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import com.closeloop.ingest.FieldError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads xAPI 1.0.3 statements posted by an LMS (one statement object or an array of them), validating them the way the
 * ADL LRS conformance suite does, narrowed to what this hub accepts: the actor must be a single Agent and the object an
 * Activity. Every violation in every statement is collected and thrown as one {@link XapiValidationException}; field
 * paths are relative to the statement, prefixed with {@code [i].} when the body is an array.
 */
public final class XapiStatementReader {

    /** Deeper JSON than this (extensions included) is refused, which also bounds every recursive walk. */
    static final int MAX_DEPTH = 64;

    private static final int MAX_KEY_IN_PATH = 64;
    private static final int MAX_FORMATTED_LENGTH = 64;

    private static final Set<String> STATEMENT_KEYS = Set.of(
            "id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority", "version", "attachments");
    private static final Set<String> AGENT_KEYS = Set.of("objectType", "name", "mbox", "mbox_sha1sum", "openid", "account");
    private static final List<String> IDENTIFIERS = List.of("mbox", "mbox_sha1sum", "openid", "account");
    private static final Set<String> ACCOUNT_KEYS = Set.of("homePage", "name");
    private static final Set<String> VERB_KEYS = Set.of("id", "display");
    private static final Set<String> ACTIVITY_KEYS = Set.of("objectType", "id", "definition");
    private static final Set<String> DEFINITION_KEYS = Set.of("name", "description", "type", "moreInfo", "interactionType",
            "correctResponsesPattern", "choices", "scale", "source", "target", "steps", "extensions");
    private static final Set<String> INTERACTION_TYPES = Set.of("true-false", "choice", "fill-in", "long-fill-in", "matching",
            "performance", "sequencing", "likert", "numeric", "other");
    private static final Set<String> RESULT_KEYS = Set.of("score", "success", "completion", "response", "duration", "extensions");
    private static final Set<String> SCORE_KEYS = Set.of("scaled", "raw", "min", "max");
    private static final Set<String> CONTEXT_KEYS = Set.of("registration", "instructor", "team", "contextActivities", "revision",
            "platform", "language", "statement", "extensions");

    private static final Pattern UUID_FORM = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*");
    private static final Pattern SHA1_HEX = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Pattern VERSION = Pattern.compile("1\\.0(\\.\\d+)?");
    /** ISO 8601 duration in the designator form, e.g. P1Y2M3D, PT1H0M0.1S or P0Y0M0DT0H5M30S. */
    private static final Pattern ISO_DURATION = Pattern.compile(
            "P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+([.,]\\d+)?S)?)?");
    private static final String IRI_FORBIDDEN = " \"<>\\^`{|}";

    private final ObjectWriter writer;

    public XapiStatementReader(ObjectMapper json) {
        this.writer = json.writer().without(SerializationFeature.INDENT_OUTPUT);
    }

    /** @throws XapiValidationException listing every violation, when any statement is not acceptable */
    public List<XapiStatement> read(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        List<XapiStatement> statements = new ArrayList<>();
        if (body != null && body.isObject()) {
            statements.add(new StatementCheck("", errors).read(body));
        } else if (body != null && body.isArray()) {
            if (body.isEmpty()) {
                errors.add(new FieldError("body", "must contain at least one statement"));
            }
            for (int i = 0; i < body.size(); i++) {
                String base = "[" + i + "]";
                JsonNode statement = body.get(i);
                if (statement.isObject()) {
                    statements.add(new StatementCheck(base, errors).read(statement));
                } else {
                    errors.add(new FieldError(base, "must be a statement object"));
                }
            }
        } else {
            errors.add(new FieldError("body", "must be a statement object or an array of statement objects"));
        }
        if (!errors.isEmpty()) {
            throw new XapiValidationException(errors);
        }
        return List.copyOf(statements);
    }

    /** Validates one statement, adding to the shared error list, and extracts what the hub needs. */
    private final class StatementCheck {

        private final String base;
        private final List<FieldError> errors;
        private final int errorsBefore;

        private String actorMbox;
        private String actorAccountName;
        private String actorAccountHomePage;
        private String verbId;
        private String objectId;
        private Double scaled;
        private Double raw;
        private Double min;
        private Double max;
        private Boolean success;
        private Boolean completion;

        StatementCheck(String base, List<FieldError> errors) {
            this.base = base;
            this.errors = errors;
            this.errorsBefore = errors.size();
        }

        /** The statement, or null when it has violations (the caller then throws). */
        XapiStatement read(JsonNode statement) {
            if (!shape(statement, base, 0, false)) {
                return null;
            }
            allowedKeys(statement, base, STATEMENT_KEYS);
            String id = text(statement, base, "id", false);
            if (id != null && !UUID_FORM.matcher(id).matches()) {
                error(at(base, "id"), "must be a UUID in 8-4-4-4-12 hexadecimal form");
            }
            actor(object(statement, base, "actor", true), at(base, "actor"));
            verb(object(statement, base, "verb", true), at(base, "verb"));
            activity(object(statement, base, "object", true), at(base, "object"));
            result(object(statement, base, "result", false), at(base, "result"));
            context(object(statement, base, "context", false), at(base, "context"));
            OffsetDateTime timestamp = timestamp(statement, "timestamp");
            timestamp(statement, "stored");
            object(statement, base, "authority", false);
            array(statement, base, "attachments");
            String version = text(statement, base, "version", false);
            if (version != null && !VERSION.matcher(version).matches()) {
                error(at(base, "version"), "must be 1.0 or 1.0.x");
            }
            if (errors.size() > errorsBefore) {
                return null;
            }
            String json = serialise(statement);
            String statementId = id != null ? id.toLowerCase(Locale.ROOT) : nameBasedId(statement);
            return new XapiStatement(statementId, verbId, actorAccountName, actorAccountHomePage, actorMbox, objectId,
                    scaled, raw, min, max, success, completion, timestamp, json);
        }

        private void actor(JsonNode actor, String path) {
            if (actor == null) {
                return;
            }
            String objectType = text(actor, path, "objectType", false);
            if ("Group".equals(objectType)) {
                error(at(path, "objectType"), "groups are not accepted; the actor must be a single Agent");
                return;
            }
            if (objectType != null && !objectType.equals("Agent")) {
                error(at(path, "objectType"), "must be Agent");
            }
            allowedKeys(actor, path, AGENT_KEYS);
            text(actor, path, "name", false);
            List<String> identifiers = new ArrayList<>();
            for (String identifier : IDENTIFIERS) {
                JsonNode value = actor.get(identifier);
                if (value != null && !value.isNull()) {
                    identifiers.add(identifier);
                }
            }
            if (identifiers.size() != 1) {
                error(path, "must have exactly one of mbox, mbox_sha1sum, openid or account"
                        + (identifiers.isEmpty() ? "" : "; has " + String.join(", ", identifiers)));
            }
            actorMbox = text(actor, path, "mbox", false);
            if (actorMbox != null && !isMbox(actorMbox)) {
                error(at(path, "mbox"), "must be mailto: followed by an e-mail address");
            }
            String sha1 = text(actor, path, "mbox_sha1sum", false);
            if (sha1 != null && !SHA1_HEX.matcher(sha1).matches()) {
                error(at(path, "mbox_sha1sum"), "must be a SHA-1 hash in 40 hexadecimal digits");
            }
            iri(actor, path, "openid", false);
            String accountPath = at(path, "account");
            JsonNode account = object(actor, path, "account", false);
            if (account != null) {
                allowedKeys(account, accountPath, ACCOUNT_KEYS);
                actorAccountHomePage = iri(account, accountPath, "homePage", true);
                actorAccountName = text(account, accountPath, "name", true);
                if (actorAccountName != null && actorAccountName.isEmpty()) {
                    error(at(accountPath, "name"), "must not be empty");
                }
            }
        }

        private void verb(JsonNode verb, String path) {
            if (verb == null) {
                return;
            }
            allowedKeys(verb, path, VERB_KEYS);
            verbId = iri(verb, path, "id", true);
            languageMap(verb, path, "display");
        }

        private void activity(JsonNode object, String path) {
            if (object == null) {
                return;
            }
            String objectType = text(object, path, "objectType", false);
            if (objectType != null && !objectType.equals("Activity")) {
                error(at(path, "objectType"), "must be Activity; this hub accepts only activities");
                return;
            }
            allowedKeys(object, path, ACTIVITY_KEYS);
            objectId = iri(object, path, "id", true);
            String definitionPath = at(path, "definition");
            JsonNode definition = object(object, path, "definition", false);
            if (definition != null) {
                allowedKeys(definition, definitionPath, DEFINITION_KEYS);
                languageMap(definition, definitionPath, "name");
                languageMap(definition, definitionPath, "description");
                iri(definition, definitionPath, "type", false);
                iri(definition, definitionPath, "moreInfo", false);
                String interactionType = text(definition, definitionPath, "interactionType", false);
                if (interactionType != null && !INTERACTION_TYPES.contains(interactionType)) {
                    error(at(definitionPath, "interactionType"), "must be an xAPI interaction type such as choice or true-false");
                }
                object(definition, definitionPath, "extensions", false);
            }
        }

        private void result(JsonNode result, String path) {
            if (result == null) {
                return;
            }
            allowedKeys(result, path, RESULT_KEYS);
            String scorePath = at(path, "score");
            JsonNode score = object(result, path, "score", false);
            if (score != null) {
                allowedKeys(score, scorePath, SCORE_KEYS);
                scaled = number(score, scorePath, "scaled");
                raw = number(score, scorePath, "raw");
                min = number(score, scorePath, "min");
                max = number(score, scorePath, "max");
                if (scaled != null && (scaled < -1 || scaled > 1)) {
                    error(at(scorePath, "scaled"), "must be between -1 and 1");
                }
                if (min != null && max != null && min >= max) {
                    error(at(scorePath, "min"), "must be less than max");
                }
                if (raw != null && ((min != null && raw < min) || (max != null && raw > max))) {
                    error(at(scorePath, "raw"), "must lie between min and max");
                }
            }
            success = bool(result, path, "success");
            completion = bool(result, path, "completion");
            text(result, path, "response", false);
            String duration = text(result, path, "duration", false);
            if (duration != null && !isDuration(duration)) {
                error(at(path, "duration"), "must be an ISO 8601 duration such as PT1H30M or P1D");
            }
            object(result, path, "extensions", false);
        }

        private void context(JsonNode context, String path) {
            if (context == null) {
                return;
            }
            allowedKeys(context, path, CONTEXT_KEYS);
            String registration = text(context, path, "registration", false);
            if (registration != null && !UUID_FORM.matcher(registration).matches()) {
                error(at(path, "registration"), "must be a UUID in 8-4-4-4-12 hexadecimal form");
            }
            for (String name : List.of("instructor", "team", "contextActivities", "statement", "extensions")) {
                object(context, path, name, false);
            }
            for (String name : List.of("revision", "platform", "language")) {
                text(context, path, name, false);
            }
        }

        private OffsetDateTime timestamp(JsonNode statement, String name) {
            String text = text(statement, base, name, false);
            if (text == null) {
                return null;
            }
            if (text.endsWith("-00:00")) {
                error(at(base, name), "must not use the offset -00:00");
                return null;
            }
            try {
                if (text.length() <= MAX_FORMATTED_LENGTH) {
                    return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
            error(at(base, name), "must be an ISO 8601 date-time with an offset or Z, e.g. 2026-01-15T10:00:00Z");
            return null;
        }

        /**
         * Refuses nulls (except inside extensions, as xAPI allows) and over-deep nesting. Returns false when the
         * statement is too deep to be checked further.
         */
        private boolean shape(JsonNode node, String path, int depth, boolean inExtensions) {
            if (depth > MAX_DEPTH) {
                error(path, "is nested more than " + MAX_DEPTH + " levels deep");
                return false;
            }
            boolean fine = true;
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    String fieldPath = at(path, field.getKey());
                    if (field.getValue().isNull() && !inExtensions) {
                        error(fieldPath, "must not be null");
                    }
                    fine &= shape(field.getValue(), fieldPath, depth + 1, inExtensions || field.getKey().equals("extensions"));
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    String elementPath = path + "[" + i + "]";
                    if (node.get(i).isNull() && !inExtensions) {
                        error(elementPath, "must not be null");
                    }
                    fine &= shape(node.get(i), elementPath, depth + 1, inExtensions);
                }
            }
            return fine;
        }

        private void allowedKeys(JsonNode node, String path, Set<String> allowed) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!allowed.contains(field.getKey())) {
                    error(at(path, field.getKey()), "is not an xAPI 1.0.3 property here (keys are case-sensitive)");
                }
            }
        }

        private void languageMap(JsonNode parent, String path, String name) {
            JsonNode map = object(parent, path, name, false);
            if (map == null) {
                return;
            }
            for (Map.Entry<String, JsonNode> entry : map.properties()) {
                String entryPath = at(at(path, name), entry.getKey());
                if (!LANGUAGE_TAG.matcher(entry.getKey()).matches()) {
                    error(entryPath, "is not an RFC 5646 language tag");
                }
                if (!entry.getValue().isTextual() && !entry.getValue().isNull()) {
                    error(entryPath, "must be a string");
                }
            }
        }

        private String iri(JsonNode parent, String path, String name, boolean required) {
            String text = text(parent, path, name, required);
            if (text != null && !isIri(text)) {
                error(at(path, name), "must be an absolute IRI, e.g. https://example.com/...");
                return null;
            }
            return text;
        }

        /** The value, or null when absent (reported if required) or JSON null (reported by {@link #shape}). */
        private JsonNode value(JsonNode parent, String path, String name, boolean required) {
            JsonNode value = parent.get(name);
            if (value == null) {
                if (required) {
                    error(at(path, name), "is required");
                }
                return null;
            }
            return value.isNull() ? null : value;
        }

        private JsonNode object(JsonNode parent, String path, String name, boolean required) {
            JsonNode value = value(parent, path, name, required);
            if (value != null && !value.isObject()) {
                error(at(path, name), "must be an object");
                return null;
            }
            return value;
        }

        private void array(JsonNode parent, String path, String name) {
            JsonNode value = value(parent, path, name, false);
            if (value != null && !value.isArray()) {
                error(at(path, name), "must be an array");
            }
        }

        private String text(JsonNode parent, String path, String name, boolean required) {
            JsonNode value = value(parent, path, name, required);
            if (value != null && !value.isTextual()) {
                error(at(path, name), "must be a string");
                return null;
            }
            return value == null ? null : value.textValue();
        }

        private Double number(JsonNode parent, String path, String name) {
            JsonNode value = value(parent, path, name, false);
            if (value == null) {
                return null;
            }
            if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
                error(at(path, name), "must be a finite number");
                return null;
            }
            return value.doubleValue();
        }

        private Boolean bool(JsonNode parent, String path, String name) {
            JsonNode value = value(parent, path, name, false);
            if (value != null && !value.isBoolean()) {
                error(at(path, name), "must be true or false");
                return null;
            }
            return value == null ? null : value.booleanValue();
        }

        private String nameBasedId(JsonNode statement) {
            byte[] canonical = serialise(canonical(statement)).getBytes(StandardCharsets.UTF_8);
            return UUID.nameUUIDFromBytes(canonical).toString();
        }

        private String serialise(JsonNode node) {
            try {
                return writer.writeValueAsString(node);
            } catch (JsonProcessingException e) {
                error(base.isEmpty() ? "body" : base, "cannot be serialised as JSON");
                throw new XapiValidationException(errors);
            }
        }

        private void error(String field, String message) {
            errors.add(new FieldError(field, message));
        }
    }

    /** A copy with every object's keys sorted, so equal statements serialise to equal bytes. */
    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            Map<String, JsonNode> fields = new TreeMap<>();
            node.properties().forEach(field -> fields.put(field.getKey(), field.getValue()));
            fields.forEach((name, value) -> sorted.set(name, canonical(value)));
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(element -> copy.add(canonical(element)));
            return copy;
        }
        return node;
    }

    private static String at(String path, String name) {
        String key = name.length() > MAX_KEY_IN_PATH ? name.substring(0, MAX_KEY_IN_PATH) + "…" : name;
        return path.isEmpty() ? key : path + "." + key;
    }

    /** An absolute IRI: a scheme (a letter, then letters, digits, + - .), a colon, then at least one character. */
    static boolean isIri(String text) {
        int colon = text.indexOf(':');
        if (colon < 1 || colon == text.length() - 1 || !isAsciiLetter(text.charAt(0))) {
            return false;
        }
        for (int i = 1; i < colon; i++) {
            char c = text.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        for (int i = colon + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || IRI_FORBIDDEN.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code mailto:} and an address with one '@', a non-empty local part, a dotted domain and no spaces. */
    static boolean isMbox(String text) {
        if (!text.startsWith("mailto:")) {
            return false;
        }
        String address = text.substring("mailto:".length());
        int at = address.indexOf('@');
        if (at < 1 || at != address.lastIndexOf('@')) {
            return false;
        }
        String domain = address.substring(at + 1);
        return domain.indexOf('.') > 0 && !domain.endsWith(".")
                && address.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
    }

    /** What {@link Duration#parse} accepts, or the ISO 8601 designator form (P1Y2M3D, P1DT2H, ...). */
    static boolean isDuration(String text) {
        if (text.length() > MAX_FORMATTED_LENGTH) {
            return false;
        }
        if (ISO_DURATION.matcher(text).matches()) {
            return true;
        }
        try {
            Duration.parse(text);
            return true;
        } catch (DateTimeParseException | ArithmeticException e) {
            return false;
        }
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
