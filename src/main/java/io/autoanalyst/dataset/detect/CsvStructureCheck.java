package io.autoanalyst.dataset.detect;

import io.autoanalyst.dataset.UploadRejected;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * The full pass over a CSV file that rejects a ragged row or an unclosed quote with its line
 * number, and gathers the columns' shapes on the way.
 *
 * <p>A large file is split at line breaks into parts scanned at the same time, each as if a record
 * started there. That guess is only wrong when the break lies inside a quoted field, and it is
 * checked: a part is trusted only if the part before it ended outside quotes, since the scan is a
 * state machine whose state at a line break outside quotes is its starting state. When a guess is
 * wrong (a multi-line quoted field spans a cut), the file is scanned again in one piece.
 */
public final class CsvStructureCheck {

    /** Below this a second thread costs more than it saves. */
    static final long PARALLEL_MIN_BYTES = 8L << 20;
    private static final int BUFFER = 1 << 16;

    /**
     * What a full pass found in a CSV file that passed the check.
     *
     * @param rows               data rows (blank lines not counted)
     * @param longestRecordBytes bytes of the longest record, header and skipped lines included (line break not counted)
     */
    public record Structure(long rows, long longestRecordBytes) {
    }

    private final int parts;

    public CsvStructureCheck() {
        this(Math.min(Runtime.getRuntime().availableProcessors(), 8));
    }

    /** @param parts the most parts a large file is split into (1: never split) */
    CsvStructureCheck(int parts) {
        this.parts = Math.max(1, parts);
    }

    /**
     * @param shapes gathers the shapes of every data row's fields (null: not wanted)
     * @param minBytesToSplit files smaller than this are scanned in one piece
     */
    Structure check(Path utf8File, CsvDialect dialect, ColumnShapes shapes, long minBytesToSplit) {
        try (FileChannel file = FileChannel.open(utf8File, StandardOpenOption.READ)) {
            long size = file.size();
            List<Long> starts = size >= minBytesToSplit && parts > 1 ? partStarts(file, size, dialect) : List.of(0L);
            if (starts.size() > 1) {
                Structure split = checkInParts(utf8File, starts, size, dialect, shapes);
                if (split != null) return split;
            }
            Part whole = scan(file, 0, size, true, dialect, shapes == null ? null : new ColumnShapes(dialect.columns()));
            return conclude(List.of(whole), dialect, shapes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Structure check(Path utf8File, CsvDialect dialect, ColumnShapes shapes) {
        return check(utf8File, dialect, shapes, PARALLEL_MIN_BYTES);
    }

    /** What one part's scan found; line numbers count from 1 at the part's start. */
    private record Part(long rows, long longest, long irregularLine, int irregularFields, boolean endsInsideQuotes,
                        long quoteOpenedLine, long lineBreaks, ColumnShapes shapes) {
        boolean irregular() {
            return irregularLine > 0;
        }
    }

    /** Null when a cut turned out to lie inside a quoted field. */
    private Structure checkInParts(Path utf8File, List<Long> starts, long size, CsvDialect dialect, ColumnShapes shapes)
            throws IOException {
        List<Future<Part>> running = new ArrayList<>();
        for (int i = 1; i < starts.size(); i++) {
            long from = starts.get(i);
            long to = i + 1 < starts.size() ? starts.get(i + 1) : size;
            boolean last = i + 1 == starts.size();
            FutureTask<Part> task = new FutureTask<>(() -> {
                try (FileChannel own = FileChannel.open(utf8File, StandardOpenOption.READ)) {
                    return scan(own, from, to, last, dialect, shapes == null ? null : new ColumnShapes(dialect.columns()));
                }
            });
            Thread.ofVirtual().name("csv-check-part-" + i).start(task);
            running.add(task);
        }
        List<Part> done = new ArrayList<>();
        try (FileChannel file = FileChannel.open(utf8File, StandardOpenOption.READ)) {
            done.add(scan(file, 0, starts.get(1), false, dialect, shapes == null ? null : new ColumnShapes(dialect.columns())));
        }
        try {
            for (Future<Part> part : running) done.add(part.get());
        } catch (InterruptedException e) {
            running.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the file", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        }
        // Trust parts in order while the one before ended cleanly; a ragged line found first wins.
        List<Part> trusted = new ArrayList<>();
        for (Part part : done) {
            trusted.add(part);
            if (part.irregular()) return conclude(trusted, dialect, shapes);
            if (part.endsInsideQuotes() && trusted.size() < done.size()) return null;
        }
        return conclude(trusted, dialect, shapes);
    }

    /**
     * Starts of the parts: the first byte after a line break near each equal cut, past the header's
     * start. A header spanning lines may still be cut; then the first part ends inside quotes and the
     * file is checked in one pass, like any other cut inside a quoted field.
     */
    private List<Long> partStarts(FileChannel file, long size, CsvDialect dialect) throws IOException {
        List<Long> starts = new ArrayList<>(List.of(0L));
        ByteBuffer window = ByteBuffer.allocate(BUFFER);
        for (int i = 1; i < parts; i++) {
            long position = Math.max(size * i / parts, Math.max(starts.getLast(), dialect.headerStart()) + 1);
            long next = -1;
            while (next < 0 && position < size) {
                window.clear();
                int n = file.read(window, position);
                if (n <= 0) break;
                for (int k = 0; k < n; k++) {
                    if (window.get(k) == '\n') {
                        next = position + k + 1;
                        break;
                    }
                }
                position += n;
            }
            if (next < 0 || next >= size) break;
            if (next > starts.getLast()) starts.add(next);
        }
        return starts;
    }

    private Part scan(FileChannel file, long from, long to, boolean last, CsvDialect dialect, ColumnShapes shapes)
            throws IOException {
        long[] rows = {0};
        long[] longest = {0};
        long[] irregular = {0, 0}; // first line, fields
        CsvRecordScanner scanner = new CsvRecordScanner(dialect.delimiter(), (fields, first, lastLine, start, end) -> {
            longest[0] = Math.max(longest[0], end - start);
            if (start <= dialect.headerStart() || fields == 0) return true;
            if (fields != dialect.columns()) {
                irregular[0] = first;
                irregular[1] = fields;
                return false;
            }
            rows[0]++;
            if (shapes != null) shapes.commit();
            return true;
        }, shapes, from);
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        long position = from;
        while (!scanner.stopped() && position < to) {
            buffer.clear();
            buffer.limit((int) Math.min(BUFFER, to - position));
            int n = file.read(buffer, position);
            if (n <= 0) break;
            scanner.feed(buffer.array(), 0, n);
            position += n;
        }
        boolean insideQuotes = scanner.insideQuotes();
        if (last && !scanner.stopped()) scanner.finish(); // a last record without a line break
        return new Part(rows[0], longest[0], irregular[0], (int) irregular[1], insideQuotes && !scanner.stopped(),
                scanner.quoteOpenedLine(), scanner.lineBreaks(), shapes);
    }

    private static Structure conclude(List<Part> parts, CsvDialect dialect, ColumnShapes shapes) {
        long rows = 0;
        long longest = 0;
        long linesBefore = 0;
        for (Part part : parts) {
            if (part.irregular()) {
                throw UploadRejected.unreadable("Line " + (linesBefore + part.irregularLine()) + " has " + part.irregularFields()
                        + " fields, expected " + dialect.columns() + " like the header on line " + dialect.headerLine()
                        + " (" + dialect.delimiterName() + "-separated). Fix that line or quote values that contain the delimiter");
            }
            rows += part.rows();
            longest = Math.max(longest, part.longest());
            if (shapes != null) shapes.merge(part.shapes());
            if (part == parts.getLast() && part.endsInsideQuotes()) {
                throw UploadRejected.unreadable("Line " + (linesBefore + part.quoteOpenedLine()) + " opens a quoted field "
                        + "that is never closed (unterminated quote): add the closing \" or remove the stray one");
            }
            linesBefore += part.lineBreaks();
        }
        return new Structure(rows, longest);
    }
}
