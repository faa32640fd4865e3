package io.autoanalyst.agent;

import java.util.List;
import java.util.Locale;

/**
 * House styling handed to visualisation agents as {@code styling_index}: the entry whose keywords
 * best match the question (the original ranked seven such entries by TF-IDF; keyword overlap picks
 * the same entry for the questions people ask and needs no index).
 */
public final class ChartStyles {

    private record Style(String kind, List<String> keywords, String guidance) {
    }

    private static final String COMMON = "template plotly_white; thin grey axis lines; bold title in <b></b>; "
            + "abbreviate large numbers (K above 1,000, M above 1,000,000); percentages with 2 decimals; "
            + "width 1000, height 600 unless the chart needs more room.";

    private static final List<Style> STYLES = List.of(
            new Style("line", List.of("trend", "over time", "time series", "line", "monthly", "daily", "yearly", "growth"),
                    "Line chart: sort by the time axis, markers only for fewer than 30 points, annotate the highest and lowest points."),
            new Style("bar", List.of("bar", "compare", "comparison", "by category", "per", "top", "ranking", "count of"),
                    "Bar chart: sort bars by value, show the value on each bar, horizontal bars when labels are long, at most 20 bars."),
            new Style("histogram", List.of("histogram", "distribution", "spread", "frequency", "how many"),
                    "Histogram: 50 bins unless the data is small, opacity 0.75, mark the mean with a dashed vertical line."),
            new Style("pie", List.of("pie", "share", "proportion", "percentage of", "composition", "breakdown"),
                    "Pie chart: top 10 categories and the rest as 'Others', percentages on the slices, a hole of 0.3."),
            new Style("heatmap", List.of("heatmap", "correlation", "matrix", "corr"),
                    "Heat map: diverging colour scale centred on 0 for correlations, values printed in the cells with 2 decimals."),
            new Style("scatter", List.of("scatter", "relationship", "versus", " vs ", "against", "regression"),
                    "Scatter plot: opacity 0.5, sample 5,000 points when there are more, trendline only if asked."),
            new Style("table", List.of("table", "list", "summary", "describe", "overview"),
                    "Table: a go.Table with bold header, numbers right-aligned and formatted consistently."));

    public String forQuestion(String question) {
        String q = " " + (question == null ? "" : question.toLowerCase(Locale.ROOT)) + " ";
        Style best = null;
        int bestScore = 0;
        for (Style style : STYLES) {
            int score = (int) style.keywords().stream().filter(q::contains).count();
            if (score > bestScore) {
                best = style;
                bestScore = score;
            }
        }
        String guidance = best == null ? "Choose the chart type that answers the question." : best.guidance();
        return "{\"chart\": \"" + (best == null ? "generic" : best.kind()) + "\", \"styling\": \"" + guidance + " " + COMMON + "\"}";
    }
}
