package com.closeloop.connectors;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.closeloop.CsvCells;
import com.closeloop.Hashes;
import com.closeloop.ingest.EventOutcome;
import com.closeloop.ingest.FieldError;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.CSVWriter;
import com.opencsv.ICSVParser;
import com.opencsv.exceptions.CsvMalformedLineException;
import com.opencsv.exceptions.CsvValidationException;

import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Imports one CSV file dropped into {@code <drop root>/<connector>/}: each row becomes a CloudEvent by the
 * connector's mapping ({@code connectors/<connector>/mapping.yaml}) and goes through the one event path. Rows are
 * streamed (a 100,000-row roster is never held in memory). A row's event id is derived from the connector, the
 * file's SHA-256 and the line number, so dropping the same file again changes nothing. Bad rows are reported
 * with line, column or field and reason in {@code failed/<file>.errors.csv}; the valid rows are applied.
 * Every row goes through the event route, so outcomes, idempotency and rules are those of every other channel.
 */
@Component("csvImport")
public class CsvImport {

    private static final Logger log = LoggerFactory.getLogger(CsvImport.class);

    /** What one file did. */
    public record Summary(String connector, String file, int rows, int applied, int duplicates, int rejected) {
    }

    private final ProducerTemplate camel;
    private final Path connectorsDir;
    private final RowEvents rows;

    CsvImport(ProducerTemplate camel, ObjectMapper json, @Value("${closeloop.connectors.dir:connectors}") String connectorsDir) {
        this.camel = camel;
        this.connectorsDir = Path.of(connectorsDir);
        this.rows = new RowEvents(json);
    }

    /**
     * Imports the file and moves it aside: to {@code done/} when every row was applied (or already had been), to
     * {@code failed/} with its error report otherwise - also when the file could not be read at all, so a bad file
     * is never picked up again in a loop. Re-dropping a file after fixing it applies only what was not applied.
     */
    public Summary importFile(File file) throws IOException {
        if (!file.isFile()) {
            // listed by this node's poll, then imported and moved aside by another node sharing the drop folder
            log.info("CSV {} is gone (imported by another node): skipped", file);
            return new Summary(file.getParentFile().getName(), file.getName(), 0, 0, 0, 0);
        }
        List<String[]> report = new ArrayList<>();
        Summary summary;
        try {
            summary = process(file, report);
        } catch (IOException | RuntimeException e) {
            log.warn("CSV {} could not be imported: {}", file, e.toString());
            report.add(new String[] { "0", "", "", "the file could not be imported: " + e.getMessage() });
            summary = new Summary(file.getParentFile().getName(), file.getName(), 0, 0, 0, 0);
        }
        if (report.isEmpty()) {
            archive(file, "done");
        } else {
            writeReport(file, report);
            archive(file, "failed");
        }
        return summary;
    }

    private Summary process(File file, List<String[]> report) throws IOException {
        String connector = file.getParentFile().getName();
        Path mappingFile = connectorsDir.resolve(connector).resolve("mapping.yaml");
        if (!Files.isRegularFile(mappingFile)) {
            report.add(new String[] { "0", "", "", "no mapping for connector '" + connector + "' (expected " + mappingFile + ")" });
            return new Summary(connector, file.getName(), 0, 0, 0, 0);
        }
        CsvMapping mapping = CsvMapping.load(mappingFile);
        String fileHash = sha256(file.toPath());
        int total = 0;
        int applied = 0;
        int duplicates = 0;
        // No escape character (RFC 4180: a quote inside a quoted cell is doubled); opencsv's default backslash escape
        // silently dropped backslashes from cells (C:\Share → C:Share).
        try (Reader reader = CsvText.open(file.toPath());
                CSVReader csv = new CSVReaderBuilder(reader).withCSVParser(new CSVParserBuilder().withSeparator(mapping.separator())
                        .withEscapeChar(ICSVParser.NULL_CHARACTER).build()).build()) {
            String[] header = null;
            Map<String, String> ambiguous = Map.of();
            if (mapping.hasHeader()) {
                header = readNext(csv, report);
                if (header == null || (header.length == 1 && header[0].isBlank())) {
                    if (report.isEmpty()) {
                        report.add(new String[] { "1", "", "", "the file has no header line (it is empty or starts with a blank line)" });
                    }
                    return new Summary(connector, file.getName(), 0, 0, 0, 0);
                }
                header[0] = CsvText.withoutBom(header[0]);
                ambiguous = ambiguousColumns(mapping, header);
            }
            String[] line;
            while (true) {
                long firstLine = csv.getLinesRead() + 1;
                line = readNext(csv, report);
                if (line == null) {
                    break;
                }
                long lineNumber = csv.getLinesRead();
                if (line.length == 1 && line[0].isBlank()) {
                    continue;
                }
                total++;
                // Reported by the record's first line; the event id keeps using its last line (ids of files already
                // imported stay the same).
                String at = String.valueOf(firstLine);
                String span = lineNumber > firstLine ? " (record on lines " + firstLine + "-" + lineNumber + ")" : "";
                Map<String, String> row = toRow(header, line);
                if (header != null && line.length != header.length) {
                    report.add(new String[] { at, "", "", "expected " + header.length + " columns, found " + line.length + span });
                    continue;
                }
                if (!ambiguous.isEmpty()) {
                    ambiguous.forEach((column, where) -> report.add(new String[] { at, column, fieldOf(mapping, column),
                            "appears more than once in the header (" + where + "); which one is meant is unclear" + span }));
                    continue;
                }
                List<FieldError> unreadable = CsvText.unreadableCells(mapping, row);
                if (!unreadable.isEmpty()) {
                    unreadable.forEach(e -> report.add(new String[] { at, e.field(), fieldOf(mapping, e.field()), e.message() + span }));
                    continue;
                }
                RowEvents.Row event = rows.toEvent(connector, mapping, row, rowId(connector, fileHash, lineNumber));
                if (!event.errors().isEmpty()) {
                    event.errors().forEach(e -> report.add(new String[] { at, isColumn(mapping, e.field()) ? e.field() : "",
                            fieldOf(mapping, e.field()), e.message() + span }));
                    continue;
                }
                EventOutcome outcome;
                try {
                    outcome = camel.requestBody("direct:closeloop-events", event.event().toString(), EventOutcome.class);
                } catch (RuntimeException e) {
                    // The event's transaction was rolled back: nothing of this row is stored. Report it, go on.
                    Throwable cause = e;
                    while (cause.getCause() != null && cause.getCause() != cause) {
                        cause = cause.getCause();
                    }
                    log.warn("CSV {} line {} could not be applied: {}", file, at, cause.toString());
                    report.add(new String[] { at, "", "", "could not be applied, nothing of it was stored: "
                            + RowEvents.abbreviate(String.valueOf(cause.getMessage()), 200) + span });
                    continue;
                }
                switch (outcome.status()) {
                    case APPLIED -> applied++;
                    case DUPLICATE -> duplicates++;
                    case REJECTED -> {
                        for (FieldError error : outcome.errors()) {
                            report.add(new String[] { at, column(mapping, error.field()), error.field(), error.message() + span });
                        }
                    }
                }
            }
        }
        int rejected = total - applied - duplicates;
        Summary summary = new Summary(connector, file.getName(), total, applied, duplicates, rejected);
        log.info("CSV {}: {}", file, summary);
        return summary;
    }

    /** Mapped columns named more than once in the header → where they are ("columns 1 and 3"). */
    private static Map<String, String> ambiguousColumns(CsvMapping mapping, String[] header) {
        Map<String, List<Integer>> positions = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
            positions.computeIfAbsent(header[i].trim(), k -> new ArrayList<>()).add(i + 1);
        }
        Map<String, String> ambiguous = new LinkedHashMap<>();
        positions.forEach((column, at) -> {
            if (at.size() > 1 && isColumn(mapping, column)) {
                ambiguous.put(column, "columns " + at.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")));
            }
        });
        return ambiguous;
    }

    /** Whether the mapping reads this column (a data field's or the envelope's). */
    static boolean isColumn(CsvMapping mapping, String column) {
        return column.equals(mapping.idColumn()) || column.equals(mapping.sourceColumn()) || column.equals(mapping.typeColumn())
                || column.equals(mapping.timeColumn()) || mapping.fields().values().stream().anyMatch(f -> column.equals(f.column()));
    }

    /** The field a column (or a constant's data path) feeds: a data path, or id/source/type/time of the envelope. */
    static String fieldOf(CsvMapping mapping, String label) {
        if (label.equals(mapping.idColumn())) {
            return "id";
        }
        if (label.equals(mapping.sourceColumn())) {
            return "source";
        }
        if (label.equals(mapping.typeColumn())) {
            return "type";
        }
        if (label.equals(mapping.timeColumn())) {
            return "time";
        }
        for (Map.Entry<String, CsvMapping.Field> field : mapping.fields().entrySet()) {
            if (label.equals(field.getValue().column()) || (field.getValue().column() == null && label.equals(field.getKey()))) {
                return field.getKey();
            }
        }
        return "";
    }

    private static void archive(File file, String folder) throws IOException {
        Path target = Files.createDirectories(file.toPath().getParent().resolve(folder)).resolve(file.getName());
        Files.move(file.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The next record; null at the end or when the rest of the file cannot be read as CSV (reported at its first line). */
    private static String[] readNext(CSVReader csv, List<String[]> report) throws IOException {
        long first = csv.getLinesRead() + 1;
        try {
            return csv.readNext();
        } catch (CsvMalformedLineException e) {
            // An opening quote never closed: the parser read to the end of the file looking for it.
            long last = Math.max(first, csv.getLinesRead());
            report.add(new String[] { String.valueOf(first), "", "", "a quoted cell is never closed (unbalanced \"); lines " + first + "-"
                    + last + " were not imported" });
            return null;
        } catch (CsvValidationException e) {
            report.add(new String[] { String.valueOf(first), "", "", "unreadable CSV: " + e.getMessage() });
            return null;
        }
    }

    private static Map<String, String> toRow(String[] header, String[] line) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < line.length; i++) {
            row.put(header != null && i < header.length ? header[i].trim() : String.valueOf(i + 1), line[i]);
        }
        return row;
    }

    /** The column a data field came from, when the mapping says so ({@code jobFunctions[1].code} → its column). */
    private static String column(CsvMapping mapping, String field) {
        switch (field) {
            case "id" -> {
                return mapping.idColumn() == null ? "" : mapping.idColumn();
            }
            case "source" -> {
                return mapping.sourceColumn() == null ? "" : mapping.sourceColumn();
            }
            case "type" -> {
                return mapping.typeColumn() == null ? "" : mapping.typeColumn();
            }
            case "time" -> {
                return mapping.timeColumn() == null ? "" : mapping.timeColumn();
            }
            default -> {
            }
        }
        String normalized = field.replaceAll("\\[\\d+]", "[]");
        CsvMapping.Field source = mapping.fields().get(normalized);
        return source == null || source.column() == null ? "" : source.column();
    }

    static String rowId(String connector, String fileHash, long line) {
        return Hashes.sha256Hex(connector + "|" + fileHash + "|" + line).substring(0, 32);
    }

    /** The report beside the archived file: line, column, field, message; cells are neutralised against formula injection. */
    private static void writeReport(File file, List<String[]> report) throws IOException {
        Path failed = file.toPath().getParent().resolve("failed");
        Files.createDirectories(failed);
        try (Writer out = Files.newBufferedWriter(failed.resolve(file.getName() + ".errors.csv"), StandardCharsets.UTF_8);
                CSVWriter csv = new CSVWriter(out)) {
            csv.writeNext(new String[] { "line", "column", "field", "message" });
            for (String[] row : report) {
                String[] safe = new String[row.length];
                for (int i = 0; i < row.length; i++) {
                    safe[i] = CsvCells.neutralise(row[i]);
                }
                csv.writeNext(safe);
            }
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), Hashes.sha256())) {
            byte[] buffer = new byte[65536];
            while (in.read(buffer) >= 0) {
                // reading is hashing
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        }
    }
}
