package io.autoanalyst.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the analytics responses with the original's exact keys, which mix snake_case and camelCase
 * (records would be renamed by the server's snake_case JSON naming), in a stable order.
 */
final class JsonObject {

    private JsonObject() {
    }

    static Map<String, Object> of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) throw new IllegalArgumentException("keys and values come in pairs");
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Costs in USD to the registry's 7 decimals, so float sums do not show 0.30000000000000004. */
    static double money(double value) {
        return round(value, 7);
    }

    static double round(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) return 0;
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    /** part / whole, 0 when there is no whole. */
    static double ratio(double part, double whole) {
        return whole == 0 ? 0 : part / whole;
    }

    /** part / whole in percent with two decimals, 0 when there is no whole. */
    static double percent(double part, double whole) {
        return round(ratio(part, whole) * 100, 2);
    }
}
