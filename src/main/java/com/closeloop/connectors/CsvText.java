package com.closeloop.connectors;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.closeloop.ingest.FieldError;

/**
 * The text of a dropped file. UTF-8 by default; a byte-order mark picks UTF-8, UTF-16BE or UTF-16LE and is dropped (an
 * Excel "CSV UTF-8" export starts with one). Bytes that are not valid text do not stop the import: they are read as
 * U+FFFD, and a NUL byte as {@link #NUL} (the CSV parser would swallow a real NUL), so that only the rows holding them
 * are refused, each naming its column.
 */
final class CsvText {

    /** Stands for a NUL byte in the file (U+FFFE, a noncharacter: never part of real text). */
    static final char NUL = '\uFFFE';
    static final char REPLACED = '\uFFFD';

    private CsvText() {
    }

    static Reader open(Path file) throws IOException {
        PushbackInputStream in = new PushbackInputStream(Files.newInputStream(file), 3);
        byte[] head = new byte[3];
        int n = in.readNBytes(head, 0, 3);
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            skip = 3;
        } else if (n >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        }
        if (n > skip) {
            in.unread(head, skip, n - skip);
        }
        return decode(in, charset);
    }

    private static Reader decode(InputStream in, Charset charset) {
        Reader text = new InputStreamReader(in, charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).replaceWith(String.valueOf(REPLACED)));
        return new java.io.BufferedReader(new FilterReader(text) {
            @Override
            public int read() throws IOException {
                int c = super.read();
                return c == 0 ? NUL : c;
            }

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                int read = super.read(buffer, offset, length);
                for (int i = offset; i < offset + read; i++) {
                    if (buffer[i] == 0) {
                        buffer[i] = NUL;
                    }
                }
                return read;
            }
        }, 65536);
    }

    /** A leading U+FEFF left in the first header cell (e.g. a byte-order mark inside a file that had another). */
    static String withoutBom(String cell) {
        return cell.startsWith("\uFEFF") ? cell.substring(1) : cell;
    }

    /** The cells the mapping reads that hold a NUL byte or bytes that were not valid text, as errors naming the column. */
    static List<FieldError> unreadableCells(CsvMapping mapping, Map<String, String> row) {
        Set<String> columns = new LinkedHashSet<>();
        for (String column : new String[] { mapping.idColumn(), mapping.sourceColumn(), mapping.typeColumn(), mapping.timeColumn() }) {
            if (column != null) {
                columns.add(column);
            }
        }
        mapping.fields().values().forEach(field -> {
            if (field.column() != null) {
                columns.add(field.column());
            }
        });
        List<FieldError> errors = new ArrayList<>();
        for (String column : columns) {
            String cell = row.get(column);
            if (cell == null) {
                continue;
            }
            if (cell.indexOf(NUL) >= 0) {
                errors.add(new FieldError(column, "contains a NUL byte"));
            } else if (cell.indexOf(REPLACED) >= 0) {
                errors.add(new FieldError(column, "contains bytes that are not valid UTF-8 (or the replacement character U+FFFD)"));
            }
        }
        return errors;
    }
}
