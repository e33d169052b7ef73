package com.closeloop.connectors;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.closeloop.ingest.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Turns one CSV row into a CloudEvent following a mapping; problems name the column. Pure. */
final class RowEvents {

    /** Longer number cells are refused here, naming their column (Jackson's limit for a number is 1,000 characters). */
    static final int MAX_NUMBER_LENGTH = 100;

    private final ObjectMapper json;

    RowEvents(ObjectMapper json) {
        this.json = json;
    }

    record Row(ObjectNode event, List<FieldError> errors) {
    }

    Row toEvent(String connector, CsvMapping mapping, Map<String, String> row, String defaultId) {
        List<FieldError> errors = new ArrayList<>();
        ObjectNode event = json.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", mapping.idColumn() == null ? defaultId : value(row, mapping.idColumn(), errors));
        event.put("source", mapping.sourceColumn() != null ? value(row, mapping.sourceColumn(), errors)
                : mapping.source() != null ? mapping.source() : "urn:closeloop:connector:" + connector);
        String type = mapping.type();
        if (mapping.typeColumn() != null) {
            String key = value(row, mapping.typeColumn(), errors);
            type = mapping.types() == null ? null : mapping.types().get(key);
            if (key != null && type == null) {
                errors.add(new FieldError(mapping.typeColumn(), "'" + abbreviate(key, 60) + "' is not one of " + mapping.types().keySet()));
            }
        }
        event.put("type", type);
        if (mapping.timeColumn() != null) {
            String time = value(row, mapping.timeColumn(), errors);
            if (time != null && !time.isBlank()) {
                event.put("time", dateTime(time, mapping.timeFormat(), mapping.zone(), mapping.timeColumn(), errors));
            }
        }
        event.put("datacontenttype", "application/json");
        ObjectNode data = event.putObject("data");
        mapping.orderedFields().forEach((path, field) -> put(data, path, field, row, mapping.zone(), errors));
        return new Row(event, errors);
    }

    private void put(ObjectNode data, String path, CsvMapping.Field field, Map<String, String> row, String zone, List<FieldError> errors) {
        String raw = field.constant() != null ? field.constant() : row.get(field.column());
        if (field.column() != null && !row.containsKey(field.column())) {
            errors.add(new FieldError(field.column(), "no such column in the file"));
            return;
        }
        String label = field.column() != null ? field.column() : path;
        if (raw == null || raw.isBlank()) {
            if (Boolean.TRUE.equals(field.required())) {
                errors.add(new FieldError(label, "is empty"));
            }
            return;
        }
        if (path.contains("[]")) {
            String arrayName = path.substring(0, path.indexOf("[]"));
            String member = path.substring(path.indexOf("[]") + 2).replaceFirst("^\\.", "");
            ArrayNode array = data.has(arrayName) ? (ArrayNode) data.get(arrayName) : data.putArray(arrayName);
            String[] parts = field.split() == null ? new String[] { raw } : raw.split(java.util.regex.Pattern.quote(field.split()), -1);
            for (int i = 0; i < parts.length; i++) {
                JsonNode value = convert(parts[i].trim(), field, zone, label, errors);
                if (member.isEmpty()) {
                    array.add(value);
                } else {
                    while (array.size() <= i) {
                        array.addObject();
                    }
                    if (value != null && !value.isNull()) {
                        ((ObjectNode) array.get(i)).set(member, value);
                    }
                }
            }
            return;
        }
        JsonNode value = convert(raw.trim(), field, zone, label, errors);
        if (value == null) {
            return;
        }
        String[] segments = path.split("\\.");
        ObjectNode target = data;
        for (int i = 0; i < segments.length - 1; i++) {
            target = target.has(segments[i]) ? (ObjectNode) target.get(segments[i]) : target.putObject(segments[i]);
        }
        target.set(segments[segments.length - 1], value);
    }

    private JsonNode convert(String raw, CsvMapping.Field field, String zone, String label, List<FieldError> errors) {
        String value = field.map() != null ? field.map().getOrDefault(raw, raw) : raw;
        if (value.isEmpty()) {
            return json.nullNode();
        }
        if (field.dateFormat() != null) {
            try {
                DateTimeFormatter format = DateTimeFormatter.ofPattern(field.dateFormat());
                LocalDate date = LocalDate.parse(value, format);
                if (!format.format(date).equals(value)) {
                    // the default (smart) resolver turns 31.02.2024 into 29.02.2024: a date that is not in the calendar is an error
                    throw new DateTimeParseException("not a calendar date", value, 0);
                }
                return json.getNodeFactory().textNode(date.toString());
            } catch (DateTimeParseException | IllegalArgumentException e) {
                errors.add(new FieldError(label, "'" + abbreviate(value, 60) + "' is not a date in the format " + field.dateFormat()));
                return null;
            }
        }
        if (field.dateTimeFormat() != null) {
            String iso = dateTime(value, field.dateTimeFormat(), zone, label, errors);
            return iso == null ? null : json.getNodeFactory().textNode(iso);
        }
        if ("number".equals(field.type())) {
            if (value.length() > MAX_NUMBER_LENGTH) {
                // the event's JSON would exceed the parser's number limit and be refused as a whole ("body")
                errors.add(new FieldError(label, "'" + abbreviate(value, 60) + "' is not a number (more than " + MAX_NUMBER_LENGTH
                        + " characters)"));
                return null;
            }
            try {
                return json.getNodeFactory().numberNode(new BigDecimal(value.replace(',', '.')));
            } catch (NumberFormatException e) {
                errors.add(new FieldError(label, "'" + abbreviate(value, 60) + "' is not a number"));
                return null;
            }
        }
        return json.getNodeFactory().textNode(value);
    }

    private static String dateTime(String value, String format, String zone, String label, List<FieldError> errors) {
        try {
            if (format == null) {
                return java.time.OffsetDateTime.parse(value).toString();
            }
            DateTimeFormatter formatter = DateTimeFormatter.ofPattern(format);
            LocalDateTime local = LocalDateTime.parse(value, formatter);
            if (!formatter.format(local).equals(value)) {
                // 02/30/2026 would otherwise become 02/28/2026
                throw new DateTimeParseException("not a calendar date", value, 0);
            }
            return local.atZone(ZoneId.of(zone == null ? "UTC" : zone)).toOffsetDateTime().toString();
        } catch (DateTimeParseException | IllegalArgumentException e) {
            errors.add(new FieldError(label, "'" + abbreviate(value, 60) + "' is not a date-time" + (format == null ? " (ISO 8601 with offset)" : " in the format " + format)));
            return null;
        }
    }

    /** Cells echoed in a report are cut (a 100,000-character cell is not copied into it). */
    static String abbreviate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 3) + "...";
    }

    private static String value(Map<String, String> row, String column, List<FieldError> errors) {
        if (!row.containsKey(column)) {
            errors.add(new FieldError(column, "no such column in the file"));
            return null;
        }
        return row.get(column).trim();
    }
}
