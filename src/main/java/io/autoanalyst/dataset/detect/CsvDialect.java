package io.autoanalyst.dataset.detect;

import java.util.List;
import java.util.Objects;

/**
 * How a (UTF-8) CSV file is laid out, as {@link CsvSniffer} found it.
 *
 * @param delimiter   field separator
 * @param header      the header's field texts, as written
 * @param headerLine  1-based physical line the header starts on (greater than 1 when notes precede it)
 * @param linesToSkip physical lines up to and including the header, which the reader skips
 * @param headerStart byte offset where the header record starts
 */
public record CsvDialect(char delimiter, List<String> header, long headerLine, long linesToSkip, long headerStart) {
    public CsvDialect {
        Objects.requireNonNull(header, "header");
        header = List.copyOf(header);
    }

    public int columns() {
        return header.size();
    }

    public String delimiterName() {
        return switch (delimiter) {
            case ',' -> "comma";
            case ';' -> "semicolon";
            case '\t' -> "tab";
            case '|' -> "pipe";
            default -> "'" + delimiter + "'";
        };
    }
}
