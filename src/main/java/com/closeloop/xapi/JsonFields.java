package com.closeloop.xapi;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.closeloop.ingest.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Typed, path-naming reads of JSON fields for the xAPI checks: each wrong or missing value is added to the shared
 * error list with its path, and the read answers null, so one pass reports every violation.
 */
abstract class JsonFields {

    static final int MAX_DEPTH = 64;
    static final int MAX_FORMATTED_LENGTH = 64;
    private static final int MAX_KEY_IN_PATH = 64;
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*");
    /** ISO 8601 duration in the designator form, e.g. P1Y2M3D, PT1H0M0.1S or P0Y0M0DT0H5M30S. */
    private static final Pattern ISO_DURATION = Pattern.compile(
            "P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+([.,]\\d+)?S)?)?");
    private static final String IRI_FORBIDDEN = " \"<>\\^`{|}";

    protected final List<FieldError> errors;

    JsonFields(List<FieldError> errors) {
        this.errors = errors;
    }

    void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /**
     * Refuses nulls (except inside extensions, as xAPI allows) and over-deep nesting. Returns false when the
     * statement is too deep to be checked further.
     */
    boolean shape(JsonNode node, String path, int depth, boolean inExtensions) {
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

    void allowedKeys(JsonNode node, String path, Set<String> allowed) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!allowed.contains(field.getKey())) {
                error(at(path, field.getKey()), "is not an xAPI 1.0.3 property here (keys are case-sensitive)");
            }
        }
    }

    void languageMap(JsonNode parent, String path, String name) {
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

    String iri(JsonNode parent, String path, String name, boolean required) {
        String text = text(parent, path, name, required);
        if (text != null && !isIri(text)) {
            error(at(path, name), "must be an absolute IRI, e.g. https://example.com/...");
            return null;
        }
        return text;
    }

    /** The value, or null when absent (reported if required) or JSON null (reported by {@link #shape}). */
    JsonNode value(JsonNode parent, String path, String name, boolean required) {
        JsonNode value = parent.get(name);
        if (value == null) {
            if (required) {
                error(at(path, name), "is required");
            }
            return null;
        }
        return value.isNull() ? null : value;
    }

    JsonNode object(JsonNode parent, String path, String name, boolean required) {
        JsonNode value = value(parent, path, name, required);
        if (value != null && !value.isObject()) {
            error(at(path, name), "must be an object");
            return null;
        }
        return value;
    }

    void array(JsonNode parent, String path, String name) {
        JsonNode value = value(parent, path, name, false);
        if (value != null && !value.isArray()) {
            error(at(path, name), "must be an array");
        }
    }

    String text(JsonNode parent, String path, String name, boolean required) {
        JsonNode value = value(parent, path, name, required);
        if (value != null && !value.isTextual()) {
            error(at(path, name), "must be a string");
            return null;
        }
        return value == null ? null : value.textValue();
    }

    Double number(JsonNode parent, String path, String name) {
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

    Boolean bool(JsonNode parent, String path, String name) {
        JsonNode value = value(parent, path, name, false);
        if (value != null && !value.isBoolean()) {
            error(at(path, name), "must be true or false");
            return null;
        }
        return value == null ? null : value.booleanValue();
    }

    /** A copy with every object's keys sorted, so equal statements serialise to equal bytes. */
    static JsonNode canonical(JsonNode node) {
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

    static String at(String path, String name) {
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
