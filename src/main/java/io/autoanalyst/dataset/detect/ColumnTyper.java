package io.autoanalyst.dataset.detect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides the type of text columns, in SQL inside DuckDB, by trying readings in a fixed order and
 * keeping the first one that every non-missing value of the column satisfies: booleans, integers
 * (not with leading zeros: {@code 02134} stays text), plain decimals, decimal commas (only when the
 * delimiter is not a comma), thousands separators, percentages (kept in percent units: {@code 12.5%}
 * is 12.5), one currency, ISO dates and datetimes, and day/month formats. A column whose values are
 * ambiguous (every {@code 03/04/2024} reads both as month/day and day/month) stays text rather
 * than risking a wrong date. A reading is chosen on a sample and then verified on every row.
 */
public final class ColumnTyper {

    /**
     * How one column will be converted. {@code expression} uses {@code {col}} for the raw column;
     * {@code duckType} is the DuckDB type it yields.
     */
    public record Typing(ColumnType type, String expression, String reading, String duckType) {
        /** Readings a user would not assume (a percent sign dropped, day and month told apart). */
        public boolean worthNoting() {
            return !List.of("text", "boolean", "integer", "decimal", "ISO date", "ISO datetime").contains(reading);
        }
    }

    private record Candidate(String reading, ColumnType type, String valid, String evidence, String number,
                             String convert, String group) {
    }

    private static final String NUMBER = "([1-9][0-9]{0,2}(,[0-9]{3})+|0|[1-9][0-9]*)(\\.[0-9]+)?";
    private static final int SAMPLE_ROWS = 5000;
    private static final int BATCH = 12;

    private final List<Candidate> candidates;

    public ColumnTyper(boolean decimalCommaAllowed) {
        List<Candidate> list = new ArrayList<>();
        list.add(new Candidate("boolean", ColumnType.BOOLEAN, "lower(v) IN ('true','false')", null, null,
                "lower(v) = 'true'", null));
        list.add(new Candidate("integer", ColumnType.INTEGER, "regexp_full_match(v, '[+-]?(0|[1-9][0-9]{0,17})')", null, null,
                "TRY_CAST(v AS BIGINT)", null));
        list.add(new Candidate("decimal", ColumnType.DECIMAL,
                "regexp_full_match(v, '[+-]?((0|[1-9][0-9]*)(\\.[0-9]+)?|\\.[0-9]+)([eE][+-]?[0-9]+)?')", null, "v", null, null));
        if (decimalCommaAllowed) {
            list.add(new Candidate("decimal comma", ColumnType.DECIMAL,
                    "regexp_full_match(v, '[+-]?(0|[1-9][0-9]{0,2}(\\.[0-9]{3})+|[1-9][0-9]*)(,[0-9]+)?')", "contains(v, ',')",
                    "replace(replace(v, '.', ''), ',', '.')", null, null));
        } else {
            list.add(new Candidate("thousands separators", ColumnType.DECIMAL,
                    "regexp_full_match(v, '[+-]?" + NUMBER + "')", "contains(v, ',')", "replace(v, ',', '')", null, null));
        }
        list.add(new Candidate("percent", ColumnType.DECIMAL,
                "regexp_full_match(v, '[+-]?((0|[1-9][0-9]*)(\\.[0-9]+)?|\\.[0-9]+)\\s*%')", "contains(v, '%')",
                "trim(replace(v, '%', ''))", null, null));
        for (String symbol : List.of("$", "€", "£")) {
            String s = symbol.equals("$") ? "\\$" : symbol;
            list.add(new Candidate("currency " + symbol, ColumnType.DECIMAL,
                    "regexp_full_match(v, '(\\(\\s*" + s + "?\\s*" + NUMBER + "\\s*\\)|[+-]?\\s*" + s + "?\\s*[+-]?" + NUMBER + ")')",
                    "contains(v, '" + symbol + "')",
                    "(CASE WHEN starts_with(v, '(') THEN '-' ELSE '' END || regexp_replace(v, '[^0-9.+-]', '', 'g'))",
                    null, null));
        }
        list.add(new Candidate("ISO date", ColumnType.DATE,
                "regexp_full_match(v, '[0-9]{4}-[0-9]{2}-[0-9]{2}') AND TRY_CAST(v AS DATE) IS NOT NULL", null, null,
                "TRY_CAST(v AS DATE)", null));
        list.add(new Candidate("ISO datetime", ColumnType.DATETIME,
                "regexp_full_match(v, '[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?Z?') "
                        + "AND TRY_CAST(rtrim(v, 'Z') AS TIMESTAMP) IS NOT NULL", null, null,
                "TRY_CAST(rtrim(v, 'Z') AS TIMESTAMP)", null));
        list.add(dateFormat("month/day/year", "[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}", "%m/%d/%Y", "slash"));
        list.add(dateFormat("day/month/year", "[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}", "%d/%m/%Y", "slash"));
        list.add(dateFormat("day.month.year", "[0-9]{1,2}\\.[0-9]{1,2}\\.[0-9]{4}", "%d.%m.%Y", null));
        list.add(dateFormat("Month day, year", "[A-Za-z]+ [0-9]{1,2}, [0-9]{4}", "%B %d, %Y", null));
        list.add(dateFormat("day-Mon-year", "[0-9]{1,2}-[A-Za-z]{3}-[0-9]{4}", "%d-%b-%Y", null));
        this.candidates = List.copyOf(list);
    }

    private static Candidate dateFormat(String reading, String regex, String format, String group) {
        return new Candidate(reading, ColumnType.DATE,
                "regexp_full_match(v, '" + regex + "') AND try_strptime(v, '" + format + "') IS NOT NULL", null, null,
                "CAST(try_strptime(v, '" + format + "') AS DATE)", group);
    }

    /**
     * The typing of a column whose values all satisfy {@code reading} (decided elsewhere, by
     * {@link ColumnShapes}); {@code scale}, {@code integerDigits} and {@code exponent} as measured
     * for a number reading.
     */
    public Typing typingOf(String reading, int scale, int integerDigits, boolean exponent) {
        if (reading.equals("text")) return typing(-1, null, 0, 0, false);
        for (int k = 0; k < candidates.size(); k++) {
            if (candidates.get(k).reading().equals(reading)) return typing(k, null, scale, integerDigits, exponent);
        }
        throw new IllegalArgumentException("no reading " + reading);
    }

    /**
     * Typings for the VARCHAR columns {@code columns} of {@code table} (a table name or a table
     * function such as {@code read_csv(...)}).
     */
    public List<Typing> type(Connection connection, String table, List<String> columns) throws SQLException {
        // In slices: a single query over hundreds of columns times every reading exhausts DuckDB's memory.
        List<Typing> result = new ArrayList<>();
        for (int from = 0; from < columns.size(); from += BATCH) {
            result.addAll(typeSlice(connection, table, columns.subList(from, Math.min(columns.size(), from + BATCH))));
        }
        return result;
    }

    private List<Typing> typeSlice(Connection connection, String table, List<String> columns) throws SQLException {
        List<Typing> result = new ArrayList<>();
        List<Integer> chosen = chooseOnSample(connection, table, columns);
        if (chosen.stream().allMatch(k -> k < 0)) {
            // Columns the sample leaves as text stay text (the full pass only verifies a chosen reading): skip it.
            List<Typing> text = new ArrayList<>();
            for (String column : columns) text.add(typing(-1, column, 0, 0, false));
            return text;
        }
        // Verify each chosen reading on every row (and measure decimal scales) in one pass.
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            String col = columns.get(i);
            int k = chosen.get(i);
            if (i > 0) sql.append(", ");
            sql.append("count(").append(col).append(")");
            if (k < 0) {
                sql.append(", 0, 0, 0, false");
                continue;
            }
            Candidate c = candidates.get(k);
            sql.append(", count(*) FILTER (WHERE ").append(valid(c, col)).append(")");
            if (c.number() != null) {
                String num = bind(c.number(), col);
                sql.append(", max(strlen(split_part(").append(num).append(", '.', 2)))");
                sql.append(", max(strlen(split_part(ltrim(").append(num).append(", '+-'), '.', 1)))");
                sql.append(", bool_or(contains(lower(").append(num).append("), 'e'))");
            } else {
                sql.append(", 0, 0, false");
            }
        }
        sql.append(" FROM ").append(table);
        List<Integer> redo = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            rs.next();
            for (int i = 0; i < columns.size(); i++) {
                int base = i * 5 + 1;
                long nonNull = rs.getLong(base);
                long ok = rs.getLong(base + 1);
                int k = chosen.get(i);
                if (k >= 0 && ok != nonNull) {
                    redo.add(i);
                    result.add(null);
                    continue;
                }
                result.add(typing(k, columns.get(i), rs.getInt(base + 2), rs.getInt(base + 3), rs.getBoolean(base + 4)));
            }
        }
        for (int i : redo) {
            // The sample misled us (the odd value sits further down): decide on the whole column.
            long[] full = counts(connection, table, List.of(columns.get(i)))[0];
            int k = choose(full);
            result.set(i, k < 0 ? typing(-1, columns.get(i), 0, 0, false)
                    : type(connection, table, List.of(columns.get(i)), k));
        }
        return result;
    }

    /**
     * The reading each column's first {@link #SAMPLE_ROWS} values fit (-1: none). Every reading but
     * "boolean" needs a digit in each value, so a column with a value that has no digit and is not
     * true/false is text without testing the readings' regular expressions on it (they cost ~25 ms a
     * column on a sample).
     */
    private List<Integer> chooseOnSample(Connection connection, String table, List<String> columns) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE OR REPLACE TEMP TABLE aa_typer_sample AS SELECT " + String.join(", ", columns) + " FROM "
                    + table + " LIMIT " + SAMPLE_ROWS);
        }
        try {
            StringBuilder sql = new StringBuilder("SELECT ");
            for (int i = 0; i < columns.size(); i++) {
                String v = "trim(" + columns.get(i) + ")";
                if (i > 0) sql.append(", ");
                sql.append("coalesce(bool_or(").append(columns.get(i)).append(" IS NOT NULL AND NOT regexp_matches(").append(v)
                        .append(", '[0-9]') AND lower(").append(v).append(") NOT IN ('true', 'false')), false)");
            }
            List<String> open = new ArrayList<>();
            boolean[] text = new boolean[columns.size()];
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql + " FROM aa_typer_sample")) {
                rs.next();
                for (int i = 0; i < columns.size(); i++) {
                    text[i] = rs.getBoolean(i + 1);
                    if (!text[i]) open.add(columns.get(i));
                }
            }
            long[][] counts = open.isEmpty() ? new long[0][] : counts(connection, "aa_typer_sample", open);
            List<Integer> chosen = new ArrayList<>();
            int j = 0;
            for (int i = 0; i < columns.size(); i++) chosen.add(text[i] ? -1 : choose(counts[j++]));
            return chosen;
        } finally {
            try (Statement s = connection.createStatement()) {
                s.execute("DROP TABLE IF EXISTS aa_typer_sample");
            }
        }
    }

    private Typing type(Connection connection, String table, List<String> column, int k) throws SQLException {
        Candidate c = candidates.get(k);
        if (c.number() == null) return typing(k, column.getFirst(), 0, 0, false);
        String num = bind(c.number(), column.getFirst());
        String sql = "SELECT max(strlen(split_part(" + num + ", '.', 2))), max(strlen(split_part(ltrim(" + num
                + ", '+-'), '.', 1))), bool_or(contains(lower(" + num + "), 'e')) FROM " + table;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return typing(k, column.getFirst(), rs.getInt(1), rs.getInt(2), rs.getBoolean(3));
        }
    }

    private Typing typing(int k, String ignoredColumn, int scale, int integerDigits, boolean exponent) {
        if (k < 0) return new Typing(ColumnType.STRING, "{col}", "text", "VARCHAR");
        Candidate c = candidates.get(k);
        if (c.number() != null) {
            String num = c.number();
            // Exact decimals where they fit in 18 digits, so sums in the profile are exact; else a double.
            String target = !exponent && scale <= 12 && scale + integerDigits <= 18
                    ? "DECIMAL(18," + scale + ")" : "DOUBLE";
            return new Typing(c.type(), "TRY_CAST(" + bindRaw(num) + " AS " + target + ")", c.reading(), target);
        }
        String duckType = switch (c.type()) {
            case BOOLEAN -> "BOOLEAN";
            case INTEGER -> "BIGINT";
            case DATE -> "DATE";
            case DATETIME -> "TIMESTAMP";
            case DECIMAL -> "DOUBLE";
            case STRING -> "VARCHAR";
        };
        return new Typing(c.type(), bindRaw(c.convert()), c.reading(), duckType);
    }

    /** Index of the first reading all non-missing values satisfy, or -1 (text). */
    private int choose(long[] counts) {
        long nonNull = counts[0];
        if (nonNull == 0) return -1;
        for (int k = 0; k < candidates.size(); k++) {
            Candidate c = candidates.get(k);
            boolean fits = counts[1 + 2 * k] == nonNull && (c.evidence() == null || counts[2 + 2 * k] > 0);
            if (!fits) continue;
            if (c.group() != null) {
                for (int j = 0; j < candidates.size(); j++) {
                    Candidate other = candidates.get(j);
                    if (j != k && c.group().equals(other.group()) && counts[1 + 2 * j] == nonNull) {
                        return -1; // ambiguous: every value reads both ways
                    }
                }
            }
            return k;
        }
        return -1;
    }

    /** Per column: non-null count, then for each candidate (valid count, evidence count). */
    private long[][] counts(Connection connection, String from, List<String> columns) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            String col = columns.get(i);
            if (i > 0) sql.append(", ");
            sql.append("count(").append(col).append(")");
            for (Candidate c : candidates) {
                sql.append(", count(*) FILTER (WHERE ").append(valid(c, col)).append(")");
                sql.append(", ").append(c.evidence() == null ? "0" : "count(*) FILTER (WHERE " + bind(c.evidence(), col) + ")");
            }
        }
        sql.append(" FROM ").append(from);
        int width = 1 + 2 * candidates.size();
        long[][] result = new long[columns.size()][width];
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            rs.next();
            for (int i = 0; i < columns.size(); i++) {
                for (int j = 0; j < width; j++) result[i][j] = rs.getLong(i * width + j + 1);
            }
        }
        return result;
    }

    private static String valid(Candidate c, String col) {
        return col + " IS NOT NULL AND (" + bind(c.valid(), col) + ")";
    }

    /** Replaces the value placeholder {@code v} (the trimmed column) in a template. */
    private static String bind(String template, String col) {
        return template.replaceAll("\\bv\\b", "trim(" + col + ")");
    }

    private static String bindRaw(String template) {
        return template.replaceAll("\\bv\\b", "trim({col})");
    }
}
