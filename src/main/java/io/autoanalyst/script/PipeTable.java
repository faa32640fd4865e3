package io.autoanalyst.script;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Writes a table (a DataFrame's {@code application/vnd.dataresource+json}) as the original
 * executor's pipe rows: a header of " | "-joined column names after the index name, then one
 * line per row, index first, floats with 6 significant digits like Python's {@code %g}.
 */
final class PipeTable {

    /** Rows written before "…": the text is for reading in a chat, the full data is in the MIME bundle. */
    static final int MAX_ROWS = 20;

    private PipeTable() {
    }

    static String format(JsonNode resource) {
        JsonNode fields = resource.path("schema").path("fields");
        Set<String> indexNames = new HashSet<>();
        resource.path("schema").path("primaryKey").forEach(k -> indexNames.add(k.asString("")));
        List<String> index = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        Map<String, String> types = new java.util.HashMap<>();
        for (JsonNode field : fields) {
            String name = field.path("name").asString("");
            types.put(name, field.path("type").asString("any"));
            (indexNames.contains(name) ? index : columns).add(name);
        }
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>();
        for (String name : index) header.add(isDefaultIndexName(name) ? "" : name);
        if (header.isEmpty()) header.add("");
        header.addAll(columns);
        out.append(String.join(" | ", header)).append('\n');
        JsonNode rows = resource.path("data");
        int shown = 0;
        for (JsonNode row : rows) {
            if (shown++ == MAX_ROWS) break;
            List<String> cells = new ArrayList<>();
            for (String name : index) cells.add(cell(row.get(name), types.get(name)));
            if (index.isEmpty()) cells.add("");
            for (String name : columns) cells.add(cell(row.get(name), types.get(name)));
            out.append(String.join(" | ", cells)).append('\n');
        }
        int total = resource.path("total_rows").asInt(rows.size());
        if (total > Math.min(rows.size(), MAX_ROWS)) {
            out.append("… (").append(total).append(" rows in total)\n");
        }
        return out.toString();
    }

    private static boolean isDefaultIndexName(String name) {
        return name.equals("index") || name.matches("level_\\d+");
    }

    private static String cell(JsonNode value, String type) {
        if (value == null || value.isNull()) return "NaN";
        if (value.isBoolean()) return value.asBoolean() ? "True" : "False";
        if (value.isIntegralNumber() && !"number".equals(type)) return value.asString();
        if (value.isNumber()) return pythonG(value.asDouble());
        return value.asString();
    }

    /** Python's {@code format(x, "g")}: 6 significant digits, scientific below 1e-4 or from 1e6, no trailing zeros. */
    static String pythonG(double x) {
        if (Double.isNaN(x)) return "nan";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        if (x == 0) return (1 / x < 0) ? "-0" : "0";
        BigDecimal rounded = new BigDecimal(x).round(new MathContext(6));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String digits = mantissa.toPlainString();
            return digits + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        return rounded.stripTrailingZeros().toPlainString();
    }
}
