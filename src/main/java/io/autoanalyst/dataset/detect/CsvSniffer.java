package io.autoanalyst.dataset.detect;

import io.autoanalyst.dataset.UploadRejected;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the delimiter and the header of a UTF-8 CSV file from its first megabyte; the whole file's
 * structure is then checked by {@link CsvStructureCheck}.
 */
public final class CsvSniffer {

    static final int SAMPLE_BYTES = 1024 * 1024;
    private static final int MAX_SAMPLE_RECORDS = 2000;
    private static final char[] CANDIDATES = {',', ';', '\t', '|'};

    private record Rec(int fields, long firstLine, long lastLine, long start, long end) {
    }

    private record Candidate(char delimiter, List<Rec> records, int dominant, double consistency) {
    }

    public CsvDialect sniff(Path utf8File) {
        byte[] sample;
        boolean truncated;
        try (InputStream in = Files.newInputStream(utf8File)) {
            sample = in.readNBytes(SAMPLE_BYTES);
            truncated = in.read() >= 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Candidate best = null;
        for (char delimiter : CANDIDATES) {
            Candidate c = score(delimiter, sample, truncated);
            if (c.records().isEmpty()) {
                throw UploadRejected.badRequest("The file is empty: it holds no lines of text");
            }
            if (best == null || better(c, best)) best = c;
        }
        Candidate chosen = best;
        Rec header = chosen.records().stream().filter(r -> r.fields() == chosen.dominant()).findFirst().orElseThrow();
        String headerText = new String(sample, (int) header.start(), (int) (header.end() - header.start()), StandardCharsets.UTF_8);
        List<String> names = splitRecord(headerText, best.delimiter());
        return new CsvDialect(best.delimiter(), names, header.firstLine(), header.lastLine(), header.start());
    }

    private static boolean better(Candidate c, Candidate best) {
        boolean cMulti = c.dominant() > 1;
        boolean bestMulti = best.dominant() > 1;
        if (cMulti != bestMulti) return cMulti;
        if (Math.abs(c.consistency() - best.consistency()) > 1e-9) return c.consistency() > best.consistency();
        return c.dominant() > best.dominant();
    }

    private static Candidate score(char delimiter, byte[] sample, boolean truncated) {
        List<Rec> records = new ArrayList<>();
        CsvRecordScanner scanner = new CsvRecordScanner(delimiter, (fields, first, last, start, end) -> {
            if (fields > 0) records.add(new Rec(fields, first, last, start, end));
            return records.size() < MAX_SAMPLE_RECORDS;
        });
        scanner.feed(sample, 0, sample.length);
        if (!scanner.stopped()) {
            if (!truncated && scanner.insideQuotes()) {
                throw UploadRejected.unreadable("Line " + scanner.quoteOpenedLine() + " opens a quoted field that is "
                        + "never closed (unterminated quote): add the closing \" or remove the stray one");
            }
            if (!truncated) {
                scanner.finish(); // otherwise the record in progress is cut by the sample's end: not counted
            }
        }
        Map<Integer, Integer> counts = new HashMap<>();
        for (Rec r : records) counts.merge(r.fields(), 1, Integer::sum);
        int dominant = 0;
        int dominantCount = 0;
        for (var e : counts.entrySet()) {
            if (e.getValue() > dominantCount || (e.getValue() == dominantCount && e.getKey() > dominant)) {
                dominant = e.getKey();
                dominantCount = e.getValue();
            }
        }
        double consistency = records.isEmpty() ? 0 : (double) dominantCount / records.size();
        return new Candidate(delimiter, records, dominant, consistency);
    }

    /** The fields of one record's text, with RFC 4180 quotes removed. */
    static List<String> splitRecord(String text, char delimiter) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean inQuotes = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (inQuotes) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        inQuotes = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (ch == '"' && field.isEmpty() && !wasQuoted) {
                inQuotes = true;
                wasQuoted = true;
            } else if (ch != '\r' && ch != '\n') {
                field.append(ch);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
