package io.autoanalyst.dataset.read;

import io.autoanalyst.dataset.UploadRejected;
import io.autoanalyst.dataset.detect.TextEncoding;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;

/**
 * Writes a UTF-8 copy (without byte-order mark) of a text file in another encoding, because the
 * CSV reader reads UTF-8 only and mis-reads UTF-16 with surrogate pairs, and with line feeds for
 * bare carriage returns, which it does not read as line breaks. Undecodable bytes reject the upload
 * instead of turning into replacement characters.
 */
final class TextTranscoder {

    Path toUtf8(Path source, TextEncoding encoding, Path target) {
        return toUtf8(source, encoding, target, false);
    }

    /** @param crToLf bare carriage returns are the file's line breaks: each becomes a line feed */
    Path toUtf8(Path source, TextEncoding encoding, Path target, boolean crToLf) {
        var decoder = encoding.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = Files.newInputStream(source)) {
            in.skipNBytes(encoding.bomLength());
            try (Reader reader = new InputStreamReader(in, decoder);
                 OutputStream out = Files.newOutputStream(target);
                 Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                char[] buffer = new char[1 << 16];
                int n;
                while ((n = reader.read(buffer)) > 0) {
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == 0) {
                            throw UploadRejected.unsupported("The file contains NUL (0x00) characters: it looks binary, "
                                    + "not a text CSV");
                        }
                        if (crToLf && buffer[i] == '\r') buffer[i] = '\n';
                    }
                    writer.write(buffer, 0, n);
                }
            }
        } catch (CharacterCodingException e) {
            throw UploadRejected.unreadable("The file is not valid " + encoding.label() + " text: save it as CSV UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
