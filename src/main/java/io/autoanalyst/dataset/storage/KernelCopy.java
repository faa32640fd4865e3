package io.autoanalyst.dataset.storage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The normalised copy of one table that the Python kernel loads: a UTF-8 CSV with a header and
 * a JSON sidecar naming the pandas dtypes and the {@code read_csv} arguments.
 */
public record KernelCopy(Path csv, Path dtypes) {
    public static final String CSV_FILE = "data.csv";
    public static final String DTYPES_FILE = "dtypes.json";

    public KernelCopy {
        Objects.requireNonNull(csv, "csv");
        Objects.requireNonNull(dtypes, "dtypes");
    }

    public static KernelCopy in(Path folder) {
        return new KernelCopy(folder.resolve(CSV_FILE), folder.resolve(DTYPES_FILE));
    }
}
