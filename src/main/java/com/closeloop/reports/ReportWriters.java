package com.closeloop.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.closeloop.CsvCells;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;

import org.springframework.stereotype.Component;

/**
 * Writes the compliance report as streamed JSON or CSV (OpenCSV). Output is deterministic for a given scope and data:
 * rows in report order, fields in a fixed order, no generation time in the body (the as-of time is part of the scope).
 */
@Component
public class ReportWriters {

    /** Field order as declared, instants as ISO-8601 UTC, nulls kept (an empty completion is part of the answer). */
    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT).build();

    private final ComplianceReport report;

    ReportWriters(ComplianceReport report) {
        this.report = report;
    }

    public void json(ComplianceReport.Scope scope, OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            json.setCodec(JSON);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("report", "training-compliance");
            json.writeStringField("from", scope.from().toString());
            json.writeStringField("to", scope.to().toString());
            json.writeObjectField("jobFunctions", scope.jobFunctions());
            json.writeStringField("asOf", scope.asOf().toString());
            json.writeArrayFieldStart("rows");
            ComplianceSummary summary = report.stream(scope, row -> {
                try {
                    json.writeObject(row);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            json.writeEndArray();
            json.writeObjectField("summary", summary);
            json.writeEndObject();
        }
    }

    /** CSV: the header first, one line per row; text cells a spreadsheet would run as a formula are neutralised. */
    public void csv(ComplianceReport.Scope scope, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVWriter csv = new CSVWriter(writer, ICSVWriter.DEFAULT_SEPARATOR, ICSVWriter.DEFAULT_QUOTE_CHARACTER,
                ICSVWriter.DEFAULT_ESCAPE_CHARACTER, "\r\n");
        csv.writeNext(ComplianceRow.CSV_HEADER, false);
        report.stream(scope, row -> csv.writeNext(cells(row), false));
        csv.flush();
        if (csv.checkError()) {
            throw new IOException("the CSV could not be written");
        }
    }

    static String[] cells(ComplianceRow r) {
        return new String[] { text(r.documentNumber()), text(r.version()), date(r.effectiveDate()), text(r.jobFunction()),
                text(r.employeeId()), instant(r.assignedAt()), date(r.dueDate()), instant(r.completedAt()),
                r.completedBeforeEffective() == null ? "" : r.completedBeforeEffective() ? "yes" : "no",
                r.daysLate() == null ? "" : r.daysLate().toString(), r.status(), text(r.reason()), date(r.originalDueDate()),
                r.extended() ? "yes" : "no", text(r.title()), text(r.assignmentId()), text(String.join("; ", r.signatures())) };
    }

    private static String text(String value) {
        return value == null ? "" : CsvCells.neutralise(value);
    }

    private static String date(LocalDate value) {
        return value == null ? "" : value.toString();
    }

    private static String instant(Instant value) {
        return value == null ? "" : value.toString();
    }

}
