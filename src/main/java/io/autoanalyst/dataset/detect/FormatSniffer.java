package io.autoanalyst.dataset.detect;

import io.autoanalyst.dataset.UploadRejected;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decides what an upload is from its bytes. The file name is never consulted: a PNG called
 * {@code .csv} is an image, a workbook called {@code .csv} is a workbook.
 */
public final class FormatSniffer {

    /** How much of the file the decision looks at. */
    static final int SAMPLE_BYTES = 64 * 1024;

    /** What the sniffer found: the format and, for text, its encoding. */
    /**
     * @param crLineBreaks text whose lines end in a bare carriage return (classic Mac OS, and what some
     *                     exporters still write): pandas reads them, DuckDB's CSV reader does not
     */
    public record Sniffed(DataFormat format, TextEncoding encoding, boolean crLineBreaks) {
        public Sniffed(DataFormat format, TextEncoding encoding) {
            this(format, encoding, false);
        }
    }

    public Sniffed sniff(Path file) {
        byte[] head;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            head = in.readNBytes(SAMPLE_BYTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (size == 0) {
            throw UploadRejected.badRequest("The file is empty (0 bytes)");
        }
        if (startsWith(head, 'P', 'A', 'R', '1')) {
            return new Sniffed(DataFormat.PARQUET, null);
        }
        if (startsWith(head, 0x50, 0x4B, 0x03, 0x04) || startsWith(head, 0x50, 0x4B, 0x05, 0x06)) {
            // A zip archive: an xlsx workbook or not, the Excel reader's checks decide.
            return new Sniffed(DataFormat.XLSX, null);
        }
        rejectKnownBinary(head);
        TextEncoding encoding = TextEncoding.detect(head, size > head.length);
        String text = new String(head, encoding.bomLength(), head.length - encoding.bomLength(), encoding.charset());
        if (text.isBlank()) {
            throw UploadRejected.badRequest("The file is empty: it holds only blank lines or spaces");
        }
        String start = text.stripLeading();
        if (start.startsWith("[")) return new Sniffed(DataFormat.JSON_ARRAY, encoding);
        if (start.startsWith("{")) return new Sniffed(DataFormat.JSON_LINES, encoding);
        if (looksLikeJsonScalar(start)) {
            throw UploadRejected.unreadable("The file is JSON but not a table: expected an array of records "
                    + "(objects) or one JSON object per line, found a single value");
        }
        return new Sniffed(DataFormat.CSV, encoding, text.indexOf('\r') >= 0 && text.indexOf('\n') < 0);
    }

    private static void rejectKnownBinary(byte[] head) {
        if (startsWith(head, 0x89, 'P', 'N', 'G')) {
            throw UploadRejected.unsupported("The file is a PNG image, not a CSV or spreadsheet");
        }
        if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
            throw UploadRejected.unsupported("The file is a JPEG image, not a CSV or spreadsheet");
        }
        if (startsWith(head, 'G', 'I', 'F', '8')) {
            throw UploadRejected.unsupported("The file is a GIF image, not a CSV or spreadsheet");
        }
        if (startsWith(head, '%', 'P', 'D', 'F')) {
            throw UploadRejected.unsupported("The file is a PDF document, not a CSV or spreadsheet");
        }
        if (startsWith(head, 0xD0, 0xCF, 0x11, 0xE0)) {
            throw UploadRejected.unsupported("The file is a legacy Excel 97-2003 (.xls) or other OLE2 binary file, "
                    + "which is not supported: save it as .xlsx or CSV");
        }
        if (startsWith(head, 0x1F, 0x8B)) {
            throw UploadRejected.unsupported("The file is gzip-compressed: unsupported, upload the uncompressed file");
        }
    }

    private static boolean looksLikeJsonScalar(String start) {
        String first = start.lines().findFirst().orElse("").strip();
        return start.strip().lines().count() == 1
                && (first.matches("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?") || first.matches("\"([^\"\\\\]|\\\\.)*\"")
                || first.equals("true") || first.equals("false") || first.equals("null"));
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != (prefix[i] & 0xFF)) return false;
        }
        return true;
    }
}
