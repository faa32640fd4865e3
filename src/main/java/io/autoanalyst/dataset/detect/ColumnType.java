package io.autoanalyst.dataset.detect;

/**
 * What a column holds, in the product's vocabulary (also the fixture manifest's), with the pandas
 * dtype {@code read_csv} reads the kernel copy with and the dtype the kernel's frame finally has.
 *
 * <p>The copy is read with pandas' nullable dtypes ({@code Int64}, {@code boolean}) so that no value
 * is misread, then every column is turned into the plain numpy dtype {@code pd.read_csv} itself would
 * give: the Debian stack the kernel runs (pandas 1.5, numpy 1.24, statsmodels, scikit-learn, plotly 5)
 * fails on nullable columns in {@code Series.corr}, {@code np.mean}, {@code sm.OLS} and plotly's
 * trendlines, and every model writes exactly that code. See docs/architecture.md, "Kernel dtypes".
 */
public enum ColumnType {
    INTEGER("integer", "Int64"),
    DECIMAL("decimal", "float64"),
    STRING("string", "object"),
    BOOLEAN("boolean", "boolean"),
    DATE("date", "datetime64[ns]"),
    DATETIME("datetime", "datetime64[ns]");

    private final String label;
    private final String readDtype;

    ColumnType(String label, String readDtype) {
        this.label = label;
        this.readDtype = readDtype;
    }

    public String label() {
        return label;
    }

    /** The dtype {@code read_csv} reads the kernel copy's column with (exact; may be a nullable one). */
    public String readDtype() {
        return readDtype;
    }

    /**
     * The dtype the column has in the kernel, as {@code pd.read_csv} would give it: integers are
     * {@code int64}, or {@code float64} with NaN when values are missing; booleans are {@code bool},
     * or {@code object} (True, False, NaN) when values are missing; a column with no value at all is
     * {@code float64} (all NaN). The kernel loader applies the same rule ({@link io.autoanalyst.dataset.storage.PandasLoaderCode}).
     */
    public String kernelDtype(long missing, long rows) {
        boolean hasMissing = missing > 0;
        if (rows > 0 && missing >= rows && !temporal()) return "float64";
        return switch (this) {
            case INTEGER -> hasMissing ? "float64" : "int64";
            case BOOLEAN -> hasMissing ? "object" : "bool";
            default -> readDtype;
        };
    }

    /** The type of a label ({@link #label()}); text for anything unknown. */
    public static ColumnType ofLabel(String label) {
        for (ColumnType type : values()) {
            if (type.label.equalsIgnoreCase(label)) return type;
        }
        return STRING;
    }

    public boolean numeric() {
        return this == INTEGER || this == DECIMAL;
    }

    public boolean temporal() {
        return this == DATE || this == DATETIME;
    }

    /** Our type for a DuckDB column type name (as DESCRIBE prints it). */
    public static ColumnType ofDuckDb(String duckType) {
        String t = duckType.toUpperCase(java.util.Locale.ROOT);
        if (t.equals("BOOLEAN")) return BOOLEAN;
        if (t.matches("(U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT))")) return INTEGER;
        if (t.startsWith("DECIMAL") || t.equals("DOUBLE") || t.equals("FLOAT")) return DECIMAL;
        if (t.equals("DATE")) return DATE;
        if (t.startsWith("TIMESTAMP")) return DATETIME;
        return STRING;
    }
}
