package io.autoanalyst.dataset.read;

import io.autoanalyst.dataset.detect.ColumnType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of a query as JSON scalars: whole numbers as longs, decimals exact, NaN and infinities as
 * null (JSON has no NaN), dates and datetimes as ISO text.
 */
public final class RowValues {

    private RowValues() {
    }

    public static List<List<Object>> read(Connection c, String sql, List<ColumnType> types) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = types.size();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int i = 0; i < n; i++) row.add(value(rs, i + 1, types.get(i)));
                rows.add(row);
            }
        }
        return rows;
    }

    private static Object value(ResultSet rs, int index, ColumnType type) throws SQLException {
        Object v = rs.getObject(index);
        if (v == null) return null;
        return switch (type) {
            case INTEGER -> v instanceof Number number ? (Object) number.longValue() : v.toString();
            case DECIMAL -> {
                if (v instanceof BigDecimal d) yield d;
                double d = ((Number) v).doubleValue();
                yield Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
            }
            case BOOLEAN -> v instanceof Boolean b ? b : Boolean.valueOf(v.toString());
            case DATE -> rs.getString(index);
            case DATETIME -> rs.getString(index).replaceAll("\\.0$", "").replace(' ', 'T');
            case STRING -> v.toString();
        };
    }
}
