package io.autoanalyst.dataset.storage;

import io.autoanalyst.dataset.UploadRejected;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies an upload to a file while counting its bytes, and stops with a 413 as soon as it passes
 * the limit: the file never has to fit in memory, and an oversized one is not copied to the end.
 */
public final class UploadSpooler {

    private final long maxBytes;

    public UploadSpooler(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public long spool(InputStream in, Path target) {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (in; OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > maxBytes) {
                    throw UploadRejected.tooLarge("The file is too large: over the upload limit of " + describe(maxBytes));
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total;
    }

    public static String describe(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
    }
}
