package io.autoanalyst.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) part by part as it arrives, without storing
 * it first. Tomcat's own parser writes every file part to a temporary file before a controller
 * runs, and finds boundaries one byte at a time: on a 100 MB upload that took about half a
 * second, four times the whole transfer. Here a part's content is handed to the reader directly,
 * and the boundary is looked for only where a carriage return is.
 *
 * <p>Only what form-data uses is accepted: CRLF line breaks, {@code Content-Disposition: form-data}
 * with {@code name} and {@code filename} (or {@code filename*}), an optional {@code Content-Type}.
 * Anything else is a {@link BadRequest} saying what is wrong. Limits: {@value #MAX_HEADER_BYTES}
 * bytes of headers a part, {@value #MAX_PARTS} parts.
 */
public final class StreamingMultipart {

    static final int MAX_HEADER_BYTES = 16 * 1024;
    static final int MAX_PARTS = 1000;
    private static final int BUFFER = 1 << 16;

    /** One part's headers; its content is read from {@link #content()} until it ends. */
    public record Part(String name, String fileName, String contentType) {
        public boolean isFile() {
            return fileName != null;
        }
    }

    private final InputStream in;
    private final byte[] delimiter; // CRLF "--" boundary
    private final byte[] buffer;
    private int pos;
    private int lim;
    private boolean eof;
    private int parts;
    private boolean inContent;
    private boolean finished;
    /** No delimiter starts before this index of the buffer (already searched). */
    private int clearUntil;
    private final PartContent content = new PartContent();

    /**
     * @param contentType the request's Content-Type, which names the boundary
     * @throws BadRequest when it is not multipart/form-data with a usable boundary
     */
    public StreamingMultipart(InputStream in, String contentType) {
        this.in = in;
        String boundary = boundaryOf(contentType);
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buffer = new byte[BUFFER];
        // The first boundary has no line break before it: pretend it has, so every boundary looks the same.
        buffer[0] = '\r';
        buffer[1] = '\n';
        lim = 2;
    }

    /** Whether a Content-Type is a multipart form. */
    public static boolean isMultipartForm(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    /**
     * The next part (skipping what is left of the current one's content), or null after the last.
     *
     * @throws BadRequest when the body is not well-formed
     */
    public Part next() throws IOException {
        if (finished) return null;
        if (inContent) {
            content.skipRest();
        } else if (parts == 0) {
            skipPreamble();
        }
        // After a boundary: "--" ends the body, CRLF starts a part (spaces before it are allowed padding).
        if (!ensure(2)) throw malformed("the body ends right after a boundary");
        if (buffer[pos] == '-' && buffer[pos + 1] == '-') {
            finished = true;
            return null;
        }
        while (ensure(1) && (buffer[pos] == ' ' || buffer[pos] == '\t')) pos++;
        if (!ensure(2) || buffer[pos] != '\r' || buffer[pos + 1] != '\n') {
            throw malformed("a boundary is not followed by a line break");
        }
        pos += 2;
        if (++parts > MAX_PARTS) throw malformed("more than " + MAX_PARTS + " parts");
        Part part = readHeaders();
        inContent = true;
        clearUntil = pos;
        return part;
    }

    /** The content of the part {@link #next()} returned last; it ends (-1) where the part does. */
    public InputStream content() {
        return content;
    }

    /** Reads the current part's content as UTF-8 text, refusing more than {@code maxBytes}. */
    public String text(int maxBytes, String field) throws IOException {
        byte[] bytes = content.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw new BadRequest("The form field '" + field + "' is longer than " + maxBytes + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private void skipPreamble() throws IOException {
        int at;
        while ((at = findDelimiter()) < 0) {
            pos = Math.max(pos, lim - delimiter.length + 1);
            if (!fill()) throw malformed("no boundary '" + new String(delimiter, 4, delimiter.length - 4, StandardCharsets.ISO_8859_1) + "' found");
        }
        pos = at + delimiter.length;
    }

    private Part readHeaders() throws IOException {
        String name = null;
        String fileName = null;
        String type = null;
        int headerBytes = 0;
        while (true) {
            String line = readLine(MAX_HEADER_BYTES - headerBytes);
            headerBytes += line.length() + 2;
            if (line.isEmpty()) break;
            int colon = line.indexOf(':');
            if (colon <= 0) throw malformed("a part header has no name: '" + clip(line) + "'");
            String header = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (header.equals("content-disposition")) {
                HeaderValue disposition = HeaderValue.parse(value);
                if (!disposition.value().equalsIgnoreCase("form-data")) {
                    throw malformed("a part's Content-Disposition is '" + clip(disposition.value()) + "', not form-data");
                }
                name = disposition.parameter("name");
                String extended = disposition.parameter("filename*");
                fileName = extended != null ? decodeExtended(extended) : disposition.parameter("filename");
            } else if (header.equals("content-type")) {
                type = value;
            }
        }
        if (name == null) throw malformed("a part has no Content-Disposition name");
        return new Part(name, fileName, type);
    }

    /** A header line without its CRLF, decoded as UTF-8 (browsers send file names that way). */
    private String readLine(int maxBytes) throws IOException {
        int from = pos;
        while (true) {
            for (int i = from; i + 1 < lim; i++) {
                if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                    if (i - pos > maxBytes) break;
                    String line = new String(buffer, pos, i - pos, StandardCharsets.UTF_8);
                    pos = i + 2;
                    return line;
                }
            }
            if (lim - pos > maxBytes) throw malformed("a part's headers are longer than " + MAX_HEADER_BYTES + " bytes");
            int searched = Math.max(0, lim - 1 - pos);
            if (!fill()) throw malformed("the body ends inside a part's headers");
            from = pos + searched;
        }
    }

    /** Index of the next delimiter at or after {@code pos} in the buffer, or -1 (then none starts before {@link #clearUntil}). */
    private int findDelimiter() {
        int last = lim - delimiter.length;
        for (int i = Math.max(pos, clearUntil); i <= last; i++) {
            if (buffer[i] == '\r' && Arrays.equals(buffer, i, i + delimiter.length, delimiter, 0, delimiter.length)) {
                return i;
            }
        }
        clearUntil = Math.max(pos, last + 1);
        return -1;
    }

    /** Makes at least {@code n} bytes available at {@code pos}; false at the end of input. */
    private boolean ensure(int n) throws IOException {
        while (lim - pos < n) {
            if (!fill()) return false;
        }
        return true;
    }

    /** Moves what is unread to the front and reads more; false when the input has ended. */
    private boolean fill() throws IOException {
        if (eof) return false;
        if (pos > 0) {
            System.arraycopy(buffer, pos, buffer, 0, lim - pos);
            lim -= pos;
            clearUntil = Math.max(0, clearUntil - pos);
            pos = 0;
        }
        int n = in.read(buffer, lim, buffer.length - lim);
        if (n < 0) {
            eof = true;
            return false;
        }
        lim += n;
        return true;
    }

    private final class PartContent extends InputStream {

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int off, int len) throws IOException {
            if (!inContent) return -1;
            if (len == 0) return 0;
            while (true) {
                int at = findDelimiter();
                int end = at >= 0 ? at : clearUntil; // bytes before end are content for sure
                if (end > pos) {
                    int n = Math.min(len, end - pos);
                    System.arraycopy(buffer, pos, target, off, n);
                    pos += n;
                    return n;
                }
                if (at >= 0) { // the part ends here
                    pos = at + delimiter.length;
                    inContent = false;
                    return -1;
                }
                if (!fill()) throw malformed("the body ends before the part's closing boundary");
            }
        }

        void skipRest() throws IOException {
            byte[] sink = new byte[8192];
            while (read(sink, 0, sink.length) >= 0) {
                // discard
            }
        }
    }

    private static String boundaryOf(String contentType) {
        if (!isMultipartForm(contentType)) {
            throw new BadRequest("Expected a multipart/form-data body (Content-Type was '" + clip(String.valueOf(contentType)) + "')");
        }
        String boundary = HeaderValue.parse(contentType).parameter("boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 200
                || !StandardCharsets.US_ASCII.newEncoder().canEncode(boundary)) {
            throw new BadRequest("The multipart Content-Type has no usable boundary parameter");
        }
        return boundary;
    }

    /** RFC 5987 {@code charset'lang'percent-encoded}. */
    private static String decodeExtended(String value) {
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0) return value;
        try {
            return URLDecoder.decode(value.substring(second + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed("a part's filename* is not percent-encoded properly");
        }
    }

    private static BadRequest malformed(String what) {
        return new BadRequest("Malformed multipart body: " + what);
    }

    private static String clip(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
