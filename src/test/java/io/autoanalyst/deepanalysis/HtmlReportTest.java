package io.autoanalyst.deepanalysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The report's HTML: what it shows, and that no text from a model, dataset or user can become markup. */
class HtmlReportTest {

    static final List<String> PAYLOADS = List.of("<script>window.__pwned=1</script>", "</pre></code></details><b>x</b>",
            "\"><img src=x onerror=\"window.__pwned=2\">", "{{7*7}}", "</script><script>window.__pwned=3</script>");

    static final String FIGURE = "{\"data\":[{\"type\":\"bar\",\"x\":[\"a\",\"b\"],\"y\":[1,2],\"name\":\"%s\"}],"
            + "\"layout\":{\"title\":{\"text\":\"%s\"}}}";

    /** Every field of the report carries every payload. */
    static DeepAnalysisResult hostile() {
        String all = String.join(" ", PAYLOADS);
        String jsonSafe = all.replace("\\", "\\\\").replace("\"", "\\\"");
        String figure = FIGURE.formatted(jsonSafe, jsonSafe);
        return new DeepAnalysisResult("Goal " + all, "1. Q " + all, List.of("Q1 " + all, "Q2 " + all),
                "plan " + all, List.of("summary " + all), "if True:\n    print('" + all + "')\n# " + all + "\nx = \"" + all + "\"",
                List.of(List.of(figure), List.of(figure, figure)),
                List.of("**Section** " + all + "\n\n| a | b |\n|---|---|\n| " + all + " | 1 |\n\n```\n" + all + "\n```", "- " + all),
                "**Conclusion**\n" + all, List.of("printed " + all, ""), List.of("note " + all));
    }

    /** No plotly.js: its own source would drown what the markup checks look for. */
    static final PlotlyJs NO_PLOTLY = new PlotlyJs() {
        @Override
        public java.util.Optional<String> source() {
            return java.util.Optional.empty();
        }
    };

    static String render(DeepAnalysisResult result) {
        return render(result, NO_PLOTLY);
    }

    static String render(DeepAnalysisResult result, PlotlyJs plotly) {
        return new HtmlReport(plotly, JsonMapper.shared()).render(result, new HtmlReport.Meta("model " + String.join(" ", PAYLOADS), 12,
                new BigDecimal("0.0123"), Instant.parse("2026-01-02T03:04:05Z"), "failed", "error " + String.join(" ", PAYLOADS)));
    }

    @Test
    void noPayloadBecomesMarkup() {
        String html = render(hostile());
        assertThat(html).doesNotContain("<script>window.__pwned", "<img", "<b>x</b>", "{{7*7}}", "onerror=\"");
        // the only script elements are the figure data, plotly.js (when the server has it) and the report's own
        Matcher scripts = Pattern.compile("<script[^>]*>").matcher(html);
        int count = 0;
        while (scripts.find()) {
            assertThat(scripts.group()).isIn("<script>", "<script type=\"application/json\" class=\"figure-data\" data-target=\"chart-1\">",
                    "<script type=\"application/json\" class=\"figure-data\" data-target=\"chart-2\">",
                    "<script type=\"application/json\" class=\"figure-data\" data-target=\"chart-3\">");
            count++;
        }
        assertThat(count).isEqualTo(3 + 1);
        // inside figure data nothing can close the element
        Matcher data = Pattern.compile("class=\"figure-data\"[^>]*>(.*?)</script>", Pattern.DOTALL).matcher(html);
        while (data.find()) assertThat(data.group(1)).doesNotContain("<", ">");
    }

    @Test
    void theTextIsStillThereToRead() {
        String html = render(hostile());
        assertThat(html).contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;", "&#123;&#123;7*7&#125;&#125;",
                "<table>", "<strong>Section</strong>", "Generated Code", "<span class=\"tok-k\">", "Model: model",
                "estimated cost: $0.0123", "2026-01-02 03:04 UTC");
    }

    @Test
    void withoutPlotlyTheReportSaysChartsNeedTheFile() {
        String html = new HtmlReport(NO_PLOTLY, JsonMapper.shared()).render(hostile(), new HtmlReport.Meta("m", 0, BigDecimal.ZERO, Instant.EPOCH, "completed", null));
        assertThat(html).contains("need plotly.js");
    }

    @Test
    void theReportPrintsToA4AndFitsAPhone() {
        String html = render(hostile());
        assertThat(html).contains("@page{size:A4", "@media print", "name=\"viewport\"", "@media (max-width:600px)");
    }

    @Test
    void figuresPostedInTheOriginalsShapeAreShownToo() {
        String figure = FIGURE.formatted("n", "t");
        DeepAnalysisResult posted = new DeepAnalysisResult("goal", "", List.of(), "", List.of(), "", List.of(List.of(figure, figure)),
                List.of(), "", List.of(), List.of());
        String html = render(posted);
        assertThat(html).contains("data-target=\"chart-2\"").doesNotContain("No visualizations generated");
    }
}
