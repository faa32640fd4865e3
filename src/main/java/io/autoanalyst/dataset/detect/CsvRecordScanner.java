package io.autoanalyst.dataset.detect;

/**
 * Walks CSV bytes (UTF-8 or ASCII; every structural character is ASCII) with RFC 4180 quoting and
 * reports each record's field count and lines. Byte-level and allocation-free, so a full pass over
 * a 100 MB file costs a fraction of a second: that is what lets the product name the exact line of
 * a ragged row or an unclosed quote instead of guessing.
 */
final class CsvRecordScanner {

    /** Receives each record. Blank lines are reported with {@code fields == 0}. */
    interface Listener {
        /** @return false to stop scanning */
        boolean record(int fields, long firstLine, long lastLine, long startOffset, long endOffset);
    }

    private final byte delimiter;
    private final Listener listener;
    private final ColumnShapes shapes; // null: fields are not looked at

    // The field being read, for the shapes: its text without enclosing quotes, and whether it is plain.
    private final byte[] field = new byte[ColumnShapes.MAX_FIELD];
    private int fieldLength;
    private boolean fieldPlain = true;
    private boolean afterClosingQuote;
    private boolean carriageReturn;

    private boolean inQuotes;
    private boolean quotePending;      // saw '"' inside a quoted field: escaped quote or end of quote
    private boolean atFieldStart = true;
    private boolean hasContent;
    private int fields = 1;
    private long line = 1;
    private long recordFirstLine = 1;
    private long quoteOpenedLine;
    private long offset;
    private long recordStart;
    private boolean stopped;

    CsvRecordScanner(char delimiter, Listener listener) {
        this(delimiter, listener, null);
    }

    /** Also hands every field to {@code shapes} (the listener commits the record's fields when it is a data row). */
    CsvRecordScanner(char delimiter, Listener listener, ColumnShapes shapes) {
        this(delimiter, listener, shapes, 0);
    }

    /**
     * Scans from byte {@code startOffset} of a file, which must be the start of a record outside any
     * quoted field; offsets reported are the file's, line numbers count from 1 at that point.
     */
    CsvRecordScanner(char delimiter, Listener listener, ColumnShapes shapes, long startOffset) {
        this.delimiter = (byte) delimiter;
        this.listener = listener;
        this.shapes = shapes;
        this.offset = startOffset;
        this.recordStart = startOffset;
    }

    /** Line breaks seen so far, inside quoted fields or not. */
    long lineBreaks() {
        return line - 1;
    }

    boolean stopped() {
        return stopped;
    }

    boolean insideQuotes() {
        return inQuotes && !quotePending;
    }

    long quoteOpenedLine() {
        return quoteOpenedLine;
    }

    void feed(byte[] buf, int off, int len) {
        for (int i = off; i < off + len && !stopped; i++, offset++) {
            byte b = buf[i];
            if (inQuotes) {
                if (quotePending) {
                    quotePending = false;
                    if (b == '"') {
                        fieldPlain = false; // a doubled quote: a literal quote inside the field
                        continue;
                    }
                    inQuotes = false; // the previous quote closed the field; fall through to handle b
                    afterClosingQuote = true;
                } else {
                    if (b == '"') {
                        quotePending = true;
                    } else if (b == '\n') {
                        line++;
                        keep(b);
                    } else {
                        // The rest of a run of quoted text in one go.
                        int run = i + 1;
                        int end = off + len;
                        while (run < end && buf[run] != '"' && buf[run] != '\n') run++;
                        keepRun(buf, i, run);
                        offset += run - 1 - i;
                        i = run - 1;
                    }
                    continue;
                }
            }
            if (b == '\n') {
                carriageReturn = false; // the CR of a CRLF ends no field's content
                endField();
                endRecord(offset);
                line++;
                recordFirstLine = line;
                recordStart = offset + 1;
            } else if (b == '\r') {
                // part of CRLF; never content
                carriageReturn = true;
            } else if (b == delimiter) {
                endField();
                fields++;
                hasContent = true;
                atFieldStart = true;
            } else if (b == '"' && atFieldStart) {
                inQuotes = true;
                hasContent = true;
                atFieldStart = false;
                quoteOpenedLine = line;
            } else {
                hasContent = true;
                atFieldStart = false;
                if (afterClosingQuote || b == '"') fieldPlain = false;
                // The rest of a run of ordinary bytes in one go: most of a file is such runs.
                int run = i + 1;
                int end = off + len;
                while (run < end) {
                    byte c = buf[run];
                    if (c == '\n' || c == '\r' || c == delimiter || c == '"') break;
                    run++;
                }
                keepRun(buf, i, run);
                offset += run - 1 - i;
                i = run - 1;
            }
        }
    }

    /** {@link #keep} of {@code buf[from..to)}. */
    private void keepRun(byte[] buf, int from, int to) {
        if (shapes == null || !fieldPlain) return; // an unplain field's bytes are never looked at
        if (carriageReturn || to - from > field.length - fieldLength) {
            fieldPlain = false;
            return;
        }
        for (int k = from; k < to; k++) {
            byte c = buf[k];
            if (c < 0) {
                fieldPlain = false;
                return;
            }
            field[fieldLength++] = c;
        }
    }

    private void keep(byte b) {
        if (shapes == null) return;
        // A carriage return before other content is not the CR of a CRLF: DuckDB may read it otherwise.
        if (carriageReturn || b < 0 || fieldLength == field.length) {
            fieldPlain = false;
        } else {
            field[fieldLength++] = b;
        }
    }

    private void endField() {
        if (shapes != null) {
            shapes.field(fields - 1, field, fieldLength, fieldPlain && !carriageReturn);
        }
        fieldLength = 0;
        fieldPlain = true;
        afterClosingQuote = false;
        carriageReturn = false;
    }

    /** Ends the input: reports a last record that has no newline. */
    void finish() {
        if (stopped) return;
        if (inQuotes && quotePending) {
            inQuotes = false;
            quotePending = false;
        }
        if (inQuotes) return; // the caller reports the unclosed quote
        if (hasContent) {
            endField();
            endRecord(offset);
        }
    }

    private void endRecord(long end) {
        int count = hasContent ? fields : 0;
        if (!listener.record(count, recordFirstLine, line, recordStart, end)) {
            stopped = true;
        }
        fields = 1;
        hasContent = false;
        atFieldStart = true;
    }
}
