package com.closeloop.xapi;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.closeloop.ingest.FieldError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Reads xAPI 1.0.3 statements posted by an LMS (one statement object or an array of them), validating them the way the
 * ADL LRS conformance suite does, narrowed to what this hub accepts: the actor must be a single Agent and the object an
 * Activity. Every violation in every statement is collected and thrown as one {@link XapiValidationException}; field
 * paths are relative to the statement, prefixed with {@code [i].} when the body is an array.
 */
public final class XapiStatementReader {

    /** Deeper JSON than this (extensions included) is refused, which also bounds every recursive walk. */


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
    private static final Pattern SHA1_HEX = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Pattern VERSION = Pattern.compile("1\\.0(\\.\\d+)?");

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
    private final class StatementCheck extends JsonFields {

        private final String base;
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
            super(errors);
            this.base = base;
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
    }
}
