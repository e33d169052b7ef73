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
        try (Reader reader = Files.newBufferedReader(file.toPath(), StandardCharsets.UTF_8);
                CSVReader csv = new CSVReaderBuilder(reader).withCSVParser(new CSVParserBuilder().withSeparator(mapping.separator()).build())
                        .build()) {
            String[] header = mapping.hasHeader() ? readNext(csv, report) : null;
            String[] line;
            while ((line = readNext(csv, report)) != null) {
                long lineNumber = csv.getLinesRead();
                if (line.length == 1 && line[0].isBlank()) {
                    continue;
                }
                total++;
                Map<String, String> row = toRow(header, line);
                if (header != null && line.length != header.length) {
                    report.add(new String[] { String.valueOf(lineNumber), "", "", "expected " + header.length + " columns, found "
                            + line.length });
                    continue;
                }
                RowEvents.Row event = rows.toEvent(connector, mapping, row, rowId(connector, fileHash, lineNumber));
                if (!event.errors().isEmpty()) {
                    event.errors().forEach(e -> report.add(new String[] { String.valueOf(lineNumber), e.field(), "", e.message() }));
                    continue;
                }
                EventOutcome outcome = camel.requestBody("direct:closeloop-events", event.event().toString(), EventOutcome.class);
                switch (outcome.status()) {
                    case APPLIED -> applied++;
                    case DUPLICATE -> duplicates++;
                    case REJECTED -> {
                        for (FieldError error : outcome.errors()) {
                            report.add(new String[] { String.valueOf(lineNumber), column(mapping, error.field()), error.field(),
                                    error.message() });
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

    private static void archive(File file, String folder) throws IOException {
        Path target = Files.createDirectories(file.toPath().getParent().resolve(folder)).resolve(file.getName());
        Files.move(file.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static String[] readNext(CSVReader csv, List<String[]> report) throws IOException {
        try {
            return csv.readNext();
        } catch (CsvValidationException e) {
            report.add(new String[] { String.valueOf(csv.getLinesRead()), "", "", "unreadable CSV: " + e.getMessage() });
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
