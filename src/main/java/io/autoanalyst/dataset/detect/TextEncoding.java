package io.autoanalyst.dataset.detect;

import io.autoanalyst.dataset.UploadRejected;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The character encoding of a text upload, decided from its first bytes: a byte-order mark when
 * there is one, else UTF-8 when the bytes are valid UTF-8, else Windows-1252 (a superset of
 * Latin-1's printable range) when the bytes look like text in it. Anything else is binary.
 *
 * @param charset   how to decode the file
 * @param bomLength bytes of byte-order mark to skip
 */
public record TextEncoding(Charset charset, int bomLength) {

    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    public boolean isUtf8WithoutBom() {
        return charset.equals(StandardCharsets.UTF_8) && bomLength == 0;
    }

    public String label() {
        if (charset.equals(StandardCharsets.UTF_8)) return bomLength > 0 ? "utf-8-sig" : "utf-8";
        return charset.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * @param sample    the first bytes of the file
     * @param truncated whether the file goes on after the sample (a multi-byte character may be cut at its end)
     */
    public static TextEncoding detect(byte[] sample, boolean truncated) {
        int n = sample.length;
        if (n >= 3 && (sample[0] & 0xFF) == 0xEF && (sample[1] & 0xFF) == 0xBB && (sample[2] & 0xFF) == 0xBF) {
            return new TextEncoding(StandardCharsets.UTF_8, 3);
        }
        if (n >= 2 && (sample[0] & 0xFF) == 0xFF && (sample[1] & 0xFF) == 0xFE) {
            return new TextEncoding(StandardCharsets.UTF_16LE, 2);
        }
        if (n >= 2 && (sample[0] & 0xFF) == 0xFE && (sample[1] & 0xFF) == 0xFF) {
            return new TextEncoding(StandardCharsets.UTF_16BE, 2);
        }
        int nul = indexOf(sample, (byte) 0);
        if (nul >= 0) {
            throw UploadRejected.unsupported("The file contains NUL (0x00) bytes at byte " + (nul + 1)
                    + ": it looks binary, not a text CSV. Save it as UTF-8 text (or upload the .xlsx/.parquet itself)");
        }
        if (isValidUtf8(sample, truncated)) {
            return new TextEncoding(StandardCharsets.UTF_8, 0);
        }
        if (looksLikeWindows1252Text(sample)) {
            return new TextEncoding(WINDOWS_1252, 0);
        }
        throw UploadRejected.unsupported("The file is binary or in an unknown encoding, not a text CSV: "
                + "save it as CSV (UTF-8) or upload the spreadsheet itself");
    }

    static boolean isValidUtf8(byte[] sample, boolean truncated) {
        int end = sample.length;
        if (truncated) {
            // Do not blame a character cut in half by the sample's end.
            int back = 0;
            while (back < 3 && end - back - 1 >= 0 && (sample[end - back - 1] & 0xC0) == 0x80) back++;
            if (end - back - 1 >= 0 && (sample[end - back - 1] & 0xC0) == 0xC0) end = end - back - 1;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            decoder.decode(ByteBuffer.wrap(sample, 0, end));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * Windows-1252 decodes nearly any byte string, so "it decoded" proves nothing: text has almost no
     * control characters and none of the five bytes 1252 leaves undefined.
     */
    static boolean looksLikeWindows1252Text(byte[] sample) {
        int suspicious = 0;
        for (byte b : sample) {
            int v = b & 0xFF;
            boolean control = v < 0x20 && v != '\t' && v != '\n' && v != '\r' && v != 0x0C;
            boolean undefined = v == 0x7F || v == 0x81 || v == 0x8D || v == 0x8F || v == 0x90 || v == 0x9D;
            if (control || undefined) suspicious++;
        }
        return suspicious * 1000L <= sample.length; // at most 0.1 %
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) return i;
        }
        return -1;
    }
}
