package io.autoanalyst.dataset;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits and resources of the dataset feature (prefix {@code autoanalyst.dataset}).
 *
 * @param maxUploadSize           largest upload, enforced while it streams (MAX_UPLOAD_SIZE, default 500MB)
 * @param maxXlsxInflatedSize     largest total uncompressed size of an .xlsx (default 512MB)
 * @param maxXlsxCompressionRatio largest uncompressed/compressed ratio of an .xlsx (default 200)
 * @param maxJsonDepth            deepest JSON nesting accepted (default 64)
 * @param duckdbMemoryLimit       native memory one upload's DuckDB may use before spilling to disk (default 1GB)
 * @param duckdbThreads           threads one upload's DuckDB may use (default: available processors)
 * @param previewRows             rows in a preview (default 10, as in the original)
 */
@ConfigurationProperties(prefix = "autoanalyst.dataset")
public record DatasetSettings(DataSize maxUploadSize, DataSize maxXlsxInflatedSize, Integer maxXlsxCompressionRatio,
                              Integer maxJsonDepth, String duckdbMemoryLimit, Integer duckdbThreads, Integer previewRows) {

    public DatasetSettings {
        if (maxUploadSize == null) maxUploadSize = DataSize.ofMegabytes(500);
        if (maxXlsxInflatedSize == null) maxXlsxInflatedSize = DataSize.ofMegabytes(512);
        if (maxXlsxCompressionRatio == null || maxXlsxCompressionRatio < 1) maxXlsxCompressionRatio = 200;
        if (maxJsonDepth == null || maxJsonDepth < 2) maxJsonDepth = 64;
        if (duckdbMemoryLimit == null || duckdbMemoryLimit.isBlank()) duckdbMemoryLimit = "1GB";
        if (duckdbThreads == null || duckdbThreads < 1) duckdbThreads = Runtime.getRuntime().availableProcessors();
        if (previewRows == null || previewRows < 1) previewRows = 10;
    }

    public static DatasetSettings defaults() {
        return new DatasetSettings(null, null, null, null, null, null, null);
    }
}
