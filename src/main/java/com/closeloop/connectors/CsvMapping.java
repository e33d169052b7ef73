package com.closeloop.connectors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A connector's mapping file ({@code connectors/<name>/mapping.yaml}): how each CSV row becomes a canonical
 * CloudEvent. Documented in docs/connectors.md.
 *
 * @param type        the event type of every row, or
 * @param typeColumn  the column whose value picks the type from {@code types}
 * @param fields      {@code data} paths (e.g. {@code employeeId}, {@code verification.kind}, {@code jobFunctions[].code})
 *                    → where their values come from
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record CsvMapping(String description, String type, String typeColumn, Map<String, String> types, String source,
        String idColumn, String sourceColumn, String timeColumn, String timeFormat, String zone, Character delimiter, Boolean header,
        Map<String, Field> fields) {

    /** One {@code data} field: a column (optionally split, translated, reformatted) or a constant. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Field(String column, String constant, String split, String dateFormat, String dateTimeFormat, String type,
            Map<String, String> map, Boolean required) {
    }

    static CsvMapping load(Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        CsvMapping mapping = yaml.readValue(file.toFile(), CsvMapping.class);
        if ((mapping.type() == null) == (mapping.typeColumn() == null)) {
            throw new IllegalArgumentException(file + ": give either 'type' or 'typeColumn' with 'types'");
        }
        if (mapping.fields() == null || mapping.fields().isEmpty()) {
            throw new IllegalArgumentException(file + ": 'fields' maps data fields to columns");
        }
        mapping.fields().forEach((path, field) -> {
            if ((field.column() == null) == (field.constant() == null)) {
                throw new IllegalArgumentException(file + ": field '" + path + "' needs exactly one of 'column' or 'constant'");
            }
        });
        return mapping;
    }

    char separator() {
        return delimiter == null ? ',' : delimiter;
    }

    boolean hasHeader() {
        return header == null || header;
    }

    Map<String, Field> orderedFields() {
        return new LinkedHashMap<>(fields);
    }
}
