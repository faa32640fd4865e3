package io.autoanalyst.dataset.profile;

import io.autoanalyst.dataset.detect.ColumnType;
import io.autoanalyst.dataset.profile.DatasetProfile.ColumnProfile;
import io.autoanalyst.dataset.profile.DatasetProfile.ValueCount;
import io.autoanalyst.dataset.read.DuckDbWorkspace;
import io.autoanalyst.dataset.read.LoadedTable;
import io.autoanalyst.dataset.read.RowValues;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Profiles a table in DuckDB with one aggregate pass (counts, distinct counts, ranges, exact sums,
 * standard deviations) plus one group-by per text column for its most frequent values. Sums of
 * decimal columns are computed as DECIMAL, so money adds up exactly; a column DuckDB holds as a
 * double is summed at the scale its values are written with. Distinct counts are exact up to
 * {@link #EXACT_DISTINCT_ROWS} rows; above, they are HyperLogLog estimates (a few percent off for
 * high-cardinality columns, exact in practice for a few hundred values), which the profile's notes
 * say: an exact count of a million distinct values costs more than the rest of the profile together.
 */
public final class DatasetProfiler {

    static final long EXACT_DISTINCT_ROWS = 100_000;

    private static final int TOP_VALUES = 5;
    /** Distinct values above which a large table's text column gets its top values from an estimate. */
    private static final long MANY_VALUES = 10_000;
    /** Candidates the estimate keeps: any value in more than 1/25 of the rows is certain to be among them. */
    private static final int CANDIDATES = 25;
    private static final int MAX_TEXT = 200;
    private static final int BATCH = 40;

    public DatasetProfile profile(DuckDbWorkspace ws, LoadedTable table, int sampleRows) throws SQLException {
        Connection c = ws.connection();
        String t = table.sqlTable();
        int n = table.names().size();
        List<String> duckTypes = duckTypes(c, t);
        int[] doubleScale = duckTypes.contains("DOUBLE") ? doubleScales(c, t, table, duckTypes) : new int[n];
        boolean approximate = rowCount(c, t) > EXACT_DISTINCT_ROWS;
        List<ColumnProfile> columns = new ArrayList<>();
        List<String> estimatedTop = new ArrayList<>();
        long rows = 0;
        // Wide tables are profiled in slices: one query with thousands of aggregates exhausts DuckDB's memory.
        for (int from = 0; from < n || (from == 0 && n == 0); from += BATCH) {
            int to = Math.min(n, from + BATCH);
            rows = profileSlice(c, t, table, duckTypes, doubleScale, approximate, from, to, columns, estimatedTop);
            if (n == 0) break;
        }
        List<List<Object>> sample = RowValues.read(c, "SELECT * FROM " + t + " LIMIT " + sampleRows, table.types());
        List<String> notes = new ArrayList<>(table.notes());
        if (approximate) {
            notes.add("distinct counts are estimates (HyperLogLog, within a few percent) because the table has more than "
                    + String.format(Locale.ROOT, "%,d", EXACT_DISTINCT_ROWS) + " rows");
        }
        if (!estimatedTop.isEmpty()) {
            notes.add("the most frequent values of " + estimatedTop + " (over " + String.format(Locale.ROOT, "%,d", MANY_VALUES)
                    + " distinct values) were found by an estimate (approx_top_k); their counts are exact");
        }
        return new DatasetProfile(rows, n, columns, sample, notes);
    }

    private long profileSlice(Connection c, String t, LoadedTable table, List<String> duckTypes, int[] doubleScale,
                              boolean approximate, int from, int to, List<ColumnProfile> columns,
                              List<String> estimatedTop) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT count(*)");
        for (int i = from; i < to; i++) {
            String col = table.column(i);
            ColumnType type = table.types().get(i);
            boolean isDouble = duckTypes.get(i).equals("DOUBLE");
            String finite = isDouble ? " FILTER (WHERE isfinite(" + col + "))" : "";
            sql.append(", count(").append(col).append("), ")
                    .append(approximate ? "approx_count_distinct(" : "count(DISTINCT ").append(col).append(")");
            switch (type) {
                case INTEGER, DECIMAL -> {
                    String sum = isDouble
                            ? (doubleScale[i] <= 18 ? "CAST(sum(TRY_CAST(" + col + " AS DECIMAL(38," + doubleScale[i] + ")))" + finite + " AS VARCHAR)"
                            : "CAST(sum(" + col + ")" + finite + " AS VARCHAR)")
                            : "CAST(sum(" + col + ") AS VARCHAR)";
                    sql.append(", CAST(min(").append(col).append(")").append(finite).append(" AS VARCHAR)")
                            .append(", CAST(max(").append(col).append(")").append(finite).append(" AS VARCHAR)")
                            .append(", ").append(sum)
                            .append(", stddev_samp(").append(col).append(")").append(finite)
                            .append(", count(").append(col).append(")").append(finite);
                }
                case BOOLEAN -> sql.append(", NULL, NULL, NULL, NULL, count(*) FILTER (WHERE ").append(col).append(")");
                case DATE, DATETIME -> sql.append(", CAST(min(").append(col).append(") AS VARCHAR), CAST(max(").append(col)
                        .append(") AS VARCHAR), NULL, NULL, NULL");
                case STRING -> sql.append(", NULL, NULL, NULL, NULL, NULL");
            }
        }
        sql.append(" FROM ").append(t);
        long rows;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            rs.next();
            rows = rs.getLong(1);
            for (int i = from; i < to; i++) {
                int base = 2 + (i - from) * 7;
                ColumnType type = table.types().get(i);
                long nonNull = rs.getLong(base);
                long distinct = Math.min(rs.getLong(base + 1), nonNull); // an estimate may overshoot
                Object min = null;
                Object max = null;
                BigDecimal mean = null;
                BigDecimal sum = null;
                Double std = null;
                Long trueCount = null;
                switch (type) {
                    case INTEGER, DECIMAL -> {
                        min = number(rs.getString(base + 2));
                        max = number(rs.getString(base + 3));
                        sum = (BigDecimal) number(rs.getString(base + 4));
                        double d = rs.getDouble(base + 5);
                        std = rs.wasNull() || !Double.isFinite(d) ? null : d;
                        long finiteCount = rs.getLong(base + 6);
                        if (sum != null && finiteCount > 0) {
                            mean = sum.divide(BigDecimal.valueOf(finiteCount), 6, RoundingMode.HALF_EVEN);
                        }
                    }
                    case BOOLEAN -> trueCount = rs.getLong(base + 6);
                    case DATE, DATETIME -> {
                        min = rs.getString(base + 2);
                        max = rs.getString(base + 3);
                    }
                    case STRING -> {
                    }
                }
                // Counting every one of a million values (an id column) costs more than the rest of the profile:
                // a streaming estimate picks the candidates, which are then counted exactly.
                boolean estimate = type == ColumnType.STRING && approximate && distinct > MANY_VALUES;
                if (estimate) estimatedTop.add(table.names().get(i));
                List<ValueCount> top = type == ColumnType.STRING ? topValues(c, t, table.column(i), estimate)
                        : type == ColumnType.BOOLEAN ? booleanTopValues(trueCount, nonNull - trueCount) : List.of();
                columns.add(new ColumnProfile(table.names().get(i), type.label(), type.kernelDtype(rows - nonNull, rows),
                        rows - nonNull, distinct, min, max,
                        mean, sum, std, trueCount, top));
            }
        }
        return rows;
    }

    /** What a group-by would give for a boolean column, from the counts already known: most frequent first, false first on a tie. */
    private static List<ValueCount> booleanTopValues(long trues, long falses) {
        List<ValueCount> top = new ArrayList<>();
        ValueCount t = new ValueCount(true, trues);
        ValueCount f = new ValueCount(false, falses);
        for (ValueCount v : trues > falses ? List.of(t, f) : List.of(f, t)) {
            if (v.count() > 0) top.add(v);
        }
        return top;
    }

    private static long rowCount(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> duckTypes(Connection c, String table) throws SQLException {
        List<String> types = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("DESCRIBE " + table)) {
            while (rs.next()) types.add(rs.getString("column_type").toUpperCase(Locale.ROOT));
        }
        return types;
    }

    /** For double columns: how many decimal places their values are written with (99 = exponent notation). */
    private static int[] doubleScales(Connection c, String t, LoadedTable table, List<String> duckTypes) throws SQLException {
        int[] scales = new int[duckTypes.size()];
        StringBuilder sql = new StringBuilder("SELECT count(*)");
        for (int i = 0; i < duckTypes.size(); i++) {
            String col = table.column(i);
            if (duckTypes.get(i).equals("DOUBLE")) {
                sql.append(", max(CASE WHEN NOT isfinite(").append(col).append(") THEN 0 WHEN contains(lower(CAST(")
                        .append(col).append(" AS VARCHAR)), 'e') THEN 99 ELSE strlen(split_part(CAST(").append(col)
                        .append(" AS VARCHAR), '.', 2)) END)");
            } else {
                sql.append(", 0");
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql + " FROM " + t)) {
            rs.next();
            for (int i = 0; i < scales.length; i++) scales[i] = rs.getInt(i + 2);
        }
        return scales;
    }

    private static List<ValueCount> topValues(Connection c, String t, String col, boolean estimate) throws SQLException {
        List<ValueCount> top = new ArrayList<>();
        String which = estimate ? col + " IN (SELECT unnest(approx_top_k(" + col + ", " + CANDIDATES + ")) FROM " + t + ")"
                : col + " IS NOT NULL";
        String sql = "SELECT " + col + " AS v, count(*) AS n FROM " + t + " WHERE " + which + " GROUP BY " + col
                + " ORDER BY n DESC, v LIMIT " + TOP_VALUES;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                Object v = rs.getObject(1);
                if (v instanceof String text && text.length() > MAX_TEXT) v = text.substring(0, MAX_TEXT) + "…";
                top.add(new ValueCount(v, rs.getLong(2)));
            }
        }
        return top;
    }

    private static Object number(String text) {
        if (text == null) return null;
        try {
            BigDecimal value = new BigDecimal(text);
            return value;
        } catch (NumberFormatException e) {
            return null; // nan, inf
        }
    }
}
