package io.autoanalyst.dataset.read;

import io.autoanalyst.dataset.UploadRejected;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Checks an .xlsx (a zip of XML parts) before the Excel reader opens it: it must be a complete zip
 * archive holding a workbook, inflate to at most {@code maxInflatedBytes} with a compression ratio
 * of at most {@code maxRatio} (counted while inflating, because the sizes a zip declares can lie),
 * and declare no DOCTYPE (the door to XML entity attacks). A zip bomb is stopped after inflating
 * at most the limit, never held in memory.
 */
final class XlsxSafetyCheck {

    private final long maxInflatedBytes;
    private final long maxRatio;

    XlsxSafetyCheck(long maxInflatedBytes, long maxRatio) {
        this.maxInflatedBytes = maxInflatedBytes;
        this.maxRatio = maxRatio;
    }

    void check(Path file) {
        long compressedSize;
        try {
            compressedSize = Math.max(1, Files.size(file));
        } catch (IOException e) {
            throw UploadRejected.unreadable("The Excel file cannot be read");
        }
        long limit = Math.min(maxInflatedBytes, compressedSize * maxRatio);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry("xl/workbook.xml") == null) {
                throw UploadRejected.unsupported("The file is a zip archive but not an Excel .xlsx workbook "
                        + "(it has no xl/workbook.xml): unsupported format");
            }
            long declared = 0;
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                long size = e.nextElement().getSize();
                if (size > 0) declared += size;
            }
            if (declared > limit) {
                throw tooBig(declared, compressedSize);
            }
            long inflated = 0;
            byte[] buffer = new byte[1 << 16];
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                try (InputStream in = zip.getInputStream(entry)) {
                    boolean xml = entry.getName().endsWith(".xml") || entry.getName().endsWith(".rels");
                    byte[] head = in.readNBytes(4096);
                    inflated += head.length;
                    if (xml && new String(head, StandardCharsets.ISO_8859_1).toUpperCase(java.util.Locale.ROOT).contains("<!DOCTYPE")) {
                        throw UploadRejected.unreadable("The Excel file is invalid: its part " + safeName(entry.getName())
                                + " declares a DOCTYPE (XML entities are not allowed)");
                    }
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        inflated += n;
                        if (inflated > limit) throw tooBig(inflated, compressedSize);
                    }
                    if (inflated > limit) throw tooBig(inflated, compressedSize);
                }
            }
        } catch (ZipException e) {
            throw UploadRejected.unreadable("The Excel .xlsx file is corrupt or truncated: it is not a complete zip archive");
        } catch (IOException e) {
            throw UploadRejected.unreadable("The Excel .xlsx file is corrupt or truncated: " + e.getMessage());
        }
    }

    private UploadRejected tooBig(long bytes, long compressed) {
        return UploadRejected.tooLarge("The Excel file inflates to more than " + (bytes / (1024 * 1024)) + " MiB from "
                + (compressed / 1024) + " KiB: over the limit of " + (maxInflatedBytes / (1024 * 1024))
                + " MiB uncompressed or a compression ratio of " + maxRatio + ":1 (zip bomb protection)");
    }

    private static String safeName(String name) {
        return name.replaceAll("[^A-Za-z0-9/._-]", "_");
    }
}
