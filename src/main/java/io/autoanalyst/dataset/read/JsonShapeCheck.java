package io.autoanalyst.dataset.read;

import io.autoanalyst.dataset.UploadRejected;
import io.autoanalyst.dataset.detect.DataFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a UTF-8 JSON file once, byte by byte with constant memory, before DuckDB sees it: DuckDB's
 * JSON reader kills the whole JVM (native stack overflow) on documents nested about a thousand
 * levels deep, and takes a bare scalar for a one-cell table. The file must be an array of objects
 * or one object per line, nested at most {@code maxDepth} levels, and complete.
 */
final class JsonShapeCheck {

    private final int maxDepth;

    JsonShapeCheck(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /** @return the number of records */
    long check(Path utf8File, DataFormat format) {
        boolean array = format == DataFormat.JSON_ARRAY;
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        boolean expectValue = !array; // JSON lines: a value (record) may start at depth 0
        long line = 1;
        long records = 0;
        boolean sawTop = false;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(utf8File)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '\n') line++;
                    if (inString) {
                        if (escaped) escaped = false;
                        else if (b == '\\') escaped = true;
                        else if (b == '"') inString = false;
                        continue;
                    }
                    if (b == ' ' || b == '\t' || b == '\r' || b == '\n') continue;
                    int recordDepth = array ? 1 : 0;
                    if (depth == recordDepth && expectValue && b != ']') {
                        if (b != '{') {
                            throw UploadRejected.unreadable("The JSON is not tabular: line " + line + " holds a value that is "
                                    + "not a record; expected an array of records (objects) or one JSON object per line");
                        }
                        records++;
                        expectValue = false;
                    }
                    if (depth == 0 && array) {
                        if (sawTop) {
                            throw UploadRejected.unreadable("Invalid JSON: unexpected content after the top-level array on line " + line);
                        }
                        if (b != '[') {
                            throw UploadRejected.unreadable("The JSON is not tabular: expected an array of records (objects)");
                        }
                        sawTop = true;
                    }
                    switch (b) {
                        case '{', '[' -> {
                            depth++;
                            if (depth > maxDepth) {
                                throw UploadRejected.unreadable("The JSON is nested too deep (more than " + maxDepth
                                        + " levels at line " + line + "): not a table of records");
                            }
                            if (b == '[' && depth == 1 && array) expectValue = true;
                        }
                        case '}', ']' -> {
                            depth--;
                            if (depth < 0) {
                                throw UploadRejected.unreadable("Invalid JSON: unbalanced '" + (char) b + "' at line " + line);
                            }
                            if (!array && depth == 0) expectValue = true;
                        }
                        case ',' -> {
                            if (array && depth == 1) expectValue = true;
                        }
                        case '"' -> inString = true;
                        default -> {
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (inString || depth != 0) {
            throw UploadRejected.unreadable("Invalid JSON: unexpected end of file at line " + line
                    + " (the file looks truncated)");
        }
        if (records == 0) {
            throw UploadRejected.unreadable("The JSON holds no records: expected an array of objects or JSON lines");
        }
        return records;
    }
}
