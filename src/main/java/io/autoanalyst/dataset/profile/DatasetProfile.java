package io.autoanalyst.dataset.profile;

import io.autoanalyst.dataset.detect.ColumnType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What the profiler found in one table. Every value is JSON-safe: missing, NaN and infinite
 * numbers are null. Numbers of decimal columns are exact ({@code sum} of money adds up to the cent).
 *
 * @param sampleRows the first rows, values as JSON scalars (dates as ISO strings)
 * @param notes      what reading the file did that the user should know
 */
public record DatasetProfile(long rows, int columnCount, List<ColumnProfile> columns, List<List<Object>> sampleRows,
                             List<String> notes) {
    public DatasetProfile {
        // profiles stored before dtypes were recorded get them by the same rule the loader applies
        columns = columns.stream().map(c -> c.dtype() != null ? c : c.withDtype(ColumnType.ofLabel(c.type()).kernelDtype(c.nulls(), rows))).toList();
        sampleRows = sampleRows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
        notes = List.copyOf(notes);
    }

    public List<String> columnNames() {
        return columns.stream().map(ColumnProfile::name).toList();
    }

    /**
     * @param type      integer, decimal, string, boolean, date or datetime
     * @param dtype     the pandas dtype the column has in the kernel ({@link ColumnType#kernelDtype})
     * @param nulls     missing values
     * @param distinct  distinct non-missing values
     * @param min       smallest value (numbers, dates as ISO text), null for text and booleans
     * @param mean      numeric columns: the mean, rounded to 6 places
     * @param sum       numeric columns: the exact sum
     * @param std       numeric columns: sample standard deviation
     * @param trueCount boolean columns: how many are true
     * @param topValues text and boolean columns: the most frequent values
     */
    public record ColumnProfile(String name, String type, String dtype, long nulls, long distinct, Object min, Object max,
                                BigDecimal mean, BigDecimal sum, Double std, Long trueCount, List<ValueCount> topValues) {
        public ColumnProfile {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            topValues = topValues == null ? List.of() : List.copyOf(topValues);
        }

        ColumnProfile withDtype(String kernelDtype) {
            return new ColumnProfile(name, type, kernelDtype, nulls, distinct, min, max, mean, sum, std, trueCount, topValues);
        }
    }

    public record ValueCount(Object value, long count) {
    }
}
