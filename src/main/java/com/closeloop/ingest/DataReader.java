package com.closeloop.ingest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads typed fields from an event's {@code data} object, collecting every problem (field path and
 * message) instead of stopping at the first. Call {@link #throwIfInvalid()} once all fields are read.
 */
public final class DataReader {

    static final int MAX_TEXT = 500;

    private final JsonNode node;
    private final String path;
    private final List<FieldError> errors;

    public DataReader(JsonNode node) {
        this(node, "", new ArrayList<>());
    }

    private DataReader(JsonNode node, String path, List<FieldError> errors) {
        this.node = node;
        this.path = path;
        this.errors = errors;
    }

    public String text(String field, boolean required) {
        return text(field, required, MAX_TEXT);
    }

    public String text(String field, boolean required, int maxLength) {
        JsonNode value = present(field, required);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            return error(field, "must be a string");
        }
        String text = value.asText().trim();
        if (text.isEmpty()) {
            return required ? error(field, "must not be empty") : null;
        }
        if (text.length() > maxLength) {
            return error(field, "must be at most " + maxLength + " characters");
        }
        return text;
    }

    /** A code such as a document number or job function code: no spaces, at most 64 characters. */
    public String code(String field, boolean required) {
        String text = text(field, required, 64);
        if (text != null && text.chars().anyMatch(Character::isWhitespace)) {
            return error(field, "must not contain spaces");
        }
        return text;
    }

    public <E extends Enum<E>> E enumValue(String field, boolean required, Class<E> type) {
        String text = text(field, required, 64);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                allowed.add(constant.name());
            }
            return error(field, "must be one of " + String.join(", ", allowed) + "; got '" + CloudEventParser.abbreviate(text) + "'");
        }
    }

    public String oneOf(String field, boolean required, Set<String> allowed) {
        String text = text(field, required, 64);
        if (text == null) {
            return null;
        }
        String upper = text.toUpperCase(Locale.ROOT);
        if (!allowed.contains(upper)) {
            return error(field, "must be one of " + String.join(", ", allowed.stream().sorted().toList()) + "; got '"
                    + CloudEventParser.abbreviate(text) + "'");
        }
        return upper;
    }

    public LocalDate date(String field, boolean required) {
        String text = text(field, required, 40);
        if (text == null) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
            if (!CloudEventParser.plausibleYear(date.getYear())) {
                return error(field, "year must have four digits (" + CloudEventParser.MIN_YEAR + "-" + CloudEventParser.MAX_YEAR + ")");
            }
            return date;
        } catch (DateTimeParseException e) {
            return error(field, "must be an ISO-8601 date (yyyy-MM-dd); got '" + CloudEventParser.abbreviate(text) + "'");
        }
    }

    public OffsetDateTime instant(String field, boolean required) {
        String text = text(field, required, 60);
        if (text == null) {
            return null;
        }
        try {
            OffsetDateTime instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            if (!CloudEventParser.plausibleYear(instant.getYear())) {
                return error(field, "year must have four digits (" + CloudEventParser.MIN_YEAR + "-" + CloudEventParser.MAX_YEAR + ")");
            }
            return instant;
        } catch (DateTimeParseException e) {
            return error(field, "must be an RFC 3339 timestamp with offset, e.g. 2026-03-01T08:00:00Z; got '"
                    + CloudEventParser.abbreviate(text) + "'");
        }
    }

    public Integer integer(String field, boolean required, int min, int max) {
        JsonNode value = present(field, required);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            return error(field, "must be a whole number");
        }
        int number = value.intValue();
        if (number < min || number > max) {
            return error(field, "must be between " + min + " and " + max);
        }
        return number;
    }

    public BigDecimal decimal(String field, boolean required, BigDecimal min, BigDecimal max) {
        JsonNode value = present(field, required);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            return error(field, "must be a number");
        }
        if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue()) && !value.isBigDecimal()) {
            return error(field, "must be a finite number");
        }
        BigDecimal number = value.decimalValue();
        if (number.compareTo(min) < 0 || number.compareTo(max) > 0) {
            return error(field, "must be between " + min.toPlainString() + " and " + max.toPlainString());
        }
        return number;
    }

    /** A required or optional array of objects, each read by {@code element}. */
    public <T> List<T> objects(String field, boolean required, Function<DataReader, T> element) {
        JsonNode value = present(field, required);
        if (value == null) {
            return required ? null : List.of();
        }
        if (!value.isArray()) {
            return error(field, "must be an array");
        }
        List<T> items = new ArrayList<>();
        int index = 0;
        for (Iterator<JsonNode> it = value.elements(); it.hasNext(); index++) {
            JsonNode item = it.next();
            String itemPath = qualified(field) + "[" + index + "]";
            if (!item.isObject()) {
                errors.add(new FieldError(itemPath, "must be an object"));
                continue;
            }
            items.add(element.apply(new DataReader(item, itemPath + ".", errors)));
        }
        return items;
    }

    /** A required or optional nested object, read by {@code reader}; null when absent. */
    public <T> T object(String field, boolean required, Function<DataReader, T> reader) {
        JsonNode value = present(field, required);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            return error(field, "must be an object");
        }
        return reader.apply(new DataReader(value, qualified(field) + ".", errors));
    }

    /** A required or optional array of codes (strings without spaces). */
    public List<String> codes(String field, boolean required) {
        JsonNode value = present(field, required);
        if (value == null) {
            return required ? null : List.of();
        }
        if (!value.isArray()) {
            return error(field, "must be an array of strings");
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemPath = qualified(field) + "[" + i + "]";
            if (!item.isTextual() || item.asText().isBlank()) {
                errors.add(new FieldError(itemPath, "must be a non-empty string"));
            } else if (item.asText().length() > 64 || item.asText().trim().chars().anyMatch(Character::isWhitespace)) {
                errors.add(new FieldError(itemPath, "must be a code of at most 64 characters without spaces"));
            } else {
                items.add(item.asText().trim());
            }
        }
        return items;
    }

    /** Records a problem found by the caller (e.g. a cross-field check). */
    public void reject(String field, String message) {
        errors.add(new FieldError(qualified(field), message));
    }

    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new InvalidEventException(errors, false);
        }
    }

    private JsonNode present(String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(new FieldError(qualified(field), "is required"));
            }
            return null;
        }
        return value;
    }

    private <T> T error(String field, String message) {
        errors.add(new FieldError(qualified(field), message));
        return null;
    }

    private String qualified(String field) {
        return path + field;
    }
}
