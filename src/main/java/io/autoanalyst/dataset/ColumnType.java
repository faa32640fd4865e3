package io.autoanalyst.dataset;

/**
 * What a column holds, in the product's vocabulary (also the fixture manifest's), with the
 * DuckDB type it is stored as and the pandas dtype the kernel loads it as.
 */
public enum ColumnType {
    INTEGER("integer", "Int64"),
    DECIMAL("decimal", "float64"),
    STRING("string", "object"),
    BOOLEAN("boolean", "boolean"),
    DATE("date", "datetime64[ns]"),
    DATETIME("datetime", "datetime64[ns]");

    private final String label;
    private final String pandasDtype;

    ColumnType(String label, String pandasDtype) {
        this.label = label;
        this.pandasDtype = pandasDtype;
    }

    public String label() {
        return label;
    }

    public String pandasDtype() {
        return pandasDtype;
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
