package io.autoanalyst.dataset.detect;

import java.util.Arrays;

/**
 * The shapes of every value of every column, gathered while {@link CsvSniffer#checkStructure} walks
 * the file anyway, so that the common columns (booleans, plain integers and decimals, ISO dates and
 * datetimes) are typed from the whole file without DuckDB evaluating a regular expression per cell.
 * Each shape here is an exact byte-level copy of the matching {@link ColumnTyper} reading's pattern,
 * applied to the same text (the field without its quotes, spaces trimmed). A column with any value
 * outside these shapes, or any field that is not plain (an escaped quote, a carriage return inside
 * it, a non-ASCII byte, more than {@link #MAX_FIELD} bytes), is left undecided and goes through
 * {@link ColumnTyper} as before. Whether a date-shaped value is a real date (February 30th) is left to
 * DuckDB's cast, checked on every row when the typed table is built.
 */
public final class ColumnShapes {

    /** Longer fields are never one of the shapes worth deciding here (an integer has at most 19 characters). */
    static final int MAX_FIELD = 64;

    static final int BOOLEAN = 1;
    static final int INTEGER = 1 << 1;
    static final int DECIMAL = 1 << 2;
    static final int DATE = 1 << 3;
    static final int DATETIME = 1 << 4;
    private static final int ALL = BOOLEAN | INTEGER | DECIMAL | DATE | DATETIME;

    /**
     * What the whole file says about one column.
     *
     * @param padded some value has spaces around it (DuckDB's CSV reader will not read {@code " true"} as a boolean)
     */
    public record Shape(long nonMissing, int shapes, int scale, int integerDigits, boolean exponent, boolean padded) {
        /** The {@link ColumnTyper} reading every value satisfies, "text" for a column with no values, or null (undecided). */
        public String reading() {
            if (nonMissing == 0) return "text";
            if ((shapes & BOOLEAN) != 0) return "boolean";
            if ((shapes & INTEGER) != 0) return "integer";
            if ((shapes & DECIMAL) != 0) return "decimal";
            if ((shapes & DATE) != 0) return "ISO date";
            if ((shapes & DATETIME) != 0) return "ISO datetime";
            return null;
        }
    }

    private final int columns;
    private final long[] nonMissing;
    private final int[] shapes;
    private final int[] scale;
    private final int[] integerDigits;
    private final boolean[] exponent;
    private final boolean[] padded;
    // The record being read: merged into the totals only when it turns out to be a data row.
    private final boolean[] pendingMissing;
    private final int[] pendingShapes;
    private final int[] pendingScale;
    private final int[] pendingIntegerDigits;
    private final boolean[] pendingExponent;
    private final boolean[] pendingPadded;

    public ColumnShapes(int columns) {
        this.columns = columns;
        nonMissing = new long[columns];
        shapes = new int[columns];
        Arrays.fill(shapes, ALL);
        scale = new int[columns];
        integerDigits = new int[columns];
        exponent = new boolean[columns];
        padded = new boolean[columns];
        pendingPadded = new boolean[columns];
        pendingMissing = new boolean[columns];
        pendingShapes = new int[columns];
        pendingScale = new int[columns];
        pendingIntegerDigits = new int[columns];
        pendingExponent = new boolean[columns];
    }

    public Shape shape(int column) {
        return new Shape(nonMissing[column], shapes[column], scale[column], integerDigits[column], exponent[column],
                padded[column]);
    }

    /**
     * One field of the record being read.
     *
     * @param text  the field's bytes without its enclosing quotes (the first {@code length} bytes)
     * @param plain false when the field cannot be judged from these bytes (see the class comment)
     */
    void field(int column, byte[] text, int length, boolean plain) {
        if (column >= columns) return; // a ragged record: checkStructure rejects the file
        if (plain && isMissingMarker(text, length)) {
            pendingMissing[column] = true;
            return;
        }
        pendingMissing[column] = false;
        pendingScale[column] = 0;
        pendingIntegerDigits[column] = 0;
        pendingExponent[column] = false;
        pendingPadded[column] = false;
        pendingShapes[column] = plain ? classify(column, text, length) : 0;
    }

    /** The record just read is a data row. */
    void commit() {
        for (int c = 0; c < columns; c++) {
            if (pendingMissing[c]) continue;
            nonMissing[c]++;
            shapes[c] &= pendingShapes[c];
            padded[c] |= pendingPadded[c];
            if ((pendingShapes[c] & DECIMAL) != 0) {
                scale[c] = Math.max(scale[c], pendingScale[c]);
                integerDigits[c] = Math.max(integerDigits[c], pendingIntegerDigits[c]);
                exponent[c] |= pendingExponent[c];
            }
        }
    }

    /** Adds what {@code other} saw of other rows of the same file (a part scanned on its own). */
    void merge(ColumnShapes other) {
        if (other.columns != columns) throw new IllegalArgumentException("shapes of another table");
        for (int c = 0; c < columns; c++) {
            nonMissing[c] += other.nonMissing[c];
            shapes[c] &= other.shapes[c];
            padded[c] |= other.padded[c];
            scale[c] = Math.max(scale[c], other.scale[c]);
            integerDigits[c] = Math.max(integerDigits[c], other.integerDigits[c]);
            exponent[c] |= other.exponent[c];
        }
    }

    /** {@link io.autoanalyst.dataset.read.DatasetReader#MISSING_MARKERS}, compared as DuckDB's {@code nullstr} does: the whole field, untrimmed. */
    private static boolean isMissingMarker(byte[] t, int n) {
        return switch (n) {
            case 0 -> true;
            case 1 -> t[0] == '-';
            case 2 -> t[0] == 'N' && t[1] == 'A';
            case 3 -> t[0] == 'N' && t[1] == '/' && t[2] == 'A';
            case 4 -> t[0] == 'N' && t[1] == 'U' && t[2] == 'L' && t[3] == 'L';
            default -> false;
        };
    }

    private int classify(int column, byte[] t, int length) {
        // Only shapes every earlier row still allows are worth testing: a text column costs nothing after its first value.
        int possible = shapes[column];
        if (possible == 0) return 0;
        // DuckDB's trim(): spaces (a non-ASCII space makes the field non-plain before it gets here).
        int s = 0;
        int e = length;
        while (s < e && t[s] == ' ') s++;
        while (e > s && t[e - 1] == ' ') e--;
        if (s == e) return 0;
        pendingPadded[column] = s > 0 || e < length;
        int found = 0;
        if ((possible & BOOLEAN) != 0 && isBoolean(t, s, e)) found |= BOOLEAN;
        if ((possible & INTEGER) != 0 && isInteger(t, s, e)) found |= INTEGER;
        if ((possible & DECIMAL) != 0 && isDecimal(t, s, e)) {
            found |= DECIMAL;
            measureDecimal(column, t, s, e);
        }
        if ((possible & DATE) != 0 && e - s == 10 && isDate(t, s)) found |= DATE;
        if ((possible & DATETIME) != 0 && isDatetime(t, s, e)) found |= DATETIME;
        return found;
    }

    /** {@code lower(v) IN ('true','false')}. */
    private static boolean isBoolean(byte[] t, int s, int e) {
        int n = e - s;
        if (n == 4) {
            return lower(t[s]) == 't' && lower(t[s + 1]) == 'r' && lower(t[s + 2]) == 'u' && lower(t[s + 3]) == 'e';
        }
        return n == 5 && lower(t[s]) == 'f' && lower(t[s + 1]) == 'a' && lower(t[s + 2]) == 'l'
                && lower(t[s + 3]) == 's' && lower(t[s + 4]) == 'e';
    }

    /** {@code [+-]?(0|[1-9][0-9]{0,17})}. */
    private static boolean isInteger(byte[] t, int s, int e) {
        int i = s;
        if (t[i] == '+' || t[i] == '-') i++;
        int digits = e - i;
        if (digits < 1 || digits > 18) return false;
        if (t[i] == '0') return digits == 1;
        for (int k = i; k < e; k++) {
            if (!digit(t[k])) return false;
        }
        return true;
    }

    /** {@code [+-]?((0|[1-9][0-9]*)(\.[0-9]+)?|\.[0-9]+)([eE][+-]?[0-9]+)?}. */
    private static boolean isDecimal(byte[] t, int s, int e) {
        int i = s;
        if (t[i] == '+' || t[i] == '-') i++;
        if (i < e && t[i] == '.') {
            i = digitsFrom(t, i + 1, e, 1);
            if (i < 0) return false;
        } else {
            if (i >= e || !digit(t[i])) return false;
            if (t[i] == '0') {
                i++;
            } else {
                i = digitsFrom(t, i, e, 1);
            }
            if (i < e && t[i] == '.') {
                i = digitsFrom(t, i + 1, e, 1);
                if (i < 0) return false;
            }
        }
        if (i < e && (t[i] == 'e' || t[i] == 'E')) {
            i++;
            if (i < e && (t[i] == '+' || t[i] == '-')) i++;
            i = digitsFrom(t, i, e, 1);
            if (i < 0) return false;
        }
        return i == e;
    }

    /**
     * What {@link ColumnTyper} measures of a decimal: {@code strlen(split_part(v, '.', 2))},
     * {@code strlen(split_part(ltrim(v, '+-'), '.', 1))} and {@code contains(lower(v), 'e')}.
     */
    private void measureDecimal(int column, byte[] t, int s, int e) {
        int dot = -1;
        boolean exp = false;
        for (int k = s; k < e; k++) {
            if (t[k] == '.' && dot < 0) dot = k;
            if (t[k] == 'e' || t[k] == 'E') exp = true;
        }
        int unsigned = s;
        while (unsigned < e && (t[unsigned] == '+' || t[unsigned] == '-')) unsigned++;
        pendingScale[column] = dot < 0 ? 0 : e - dot - 1;
        pendingIntegerDigits[column] = (dot < 0 ? e : dot) - unsigned;
        pendingExponent[column] = exp;
    }

    /** {@code [0-9]{4}-[0-9]{2}-[0-9]{2}} starting at {@code s}. */
    private static boolean isDate(byte[] t, int s) {
        return digit(t[s]) && digit(t[s + 1]) && digit(t[s + 2]) && digit(t[s + 3]) && t[s + 4] == '-'
                && digit(t[s + 5]) && digit(t[s + 6]) && t[s + 7] == '-' && digit(t[s + 8]) && digit(t[s + 9]);
    }

    /** {@code [0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?Z?}. */
    private static boolean isDatetime(byte[] t, int s, int e) {
        if (e - s < 16 || !isDate(t, s)) return false;
        int i = s + 10;
        if (t[i] != 'T' && t[i] != ' ') return false;
        if (!digit(t[i + 1]) || !digit(t[i + 2]) || t[i + 3] != ':' || !digit(t[i + 4]) || !digit(t[i + 5])) return false;
        i += 6;
        if (i < e && t[i] == ':') {
            if (i + 2 >= e || !digit(t[i + 1]) || !digit(t[i + 2])) return false;
            i += 3;
            if (i < e && t[i] == '.') {
                int end = digitsFrom(t, i + 1, e, 1);
                if (end < 0 || end - (i + 1) > 9) return false;
                i = end;
            }
        }
        if (i < e && t[i] == 'Z') i++;
        return i == e;
    }

    /** Index after a run of at least {@code min} digits starting at {@code i}, or -1. */
    private static int digitsFrom(byte[] t, int i, int e, int min) {
        int k = i;
        while (k < e && digit(t[k])) k++;
        return k - i >= min ? k : -1;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }
}
