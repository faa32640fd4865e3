package io.autoanalyst.deepanalysis;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report as one self-contained HTML file: goal, questions, one section per question with its interactive
 * charts, notes, the conclusion, the code (collapsible, highlighted), model and cost. Works offline (plotly.js is
 * inlined once, see {@link PlotlyJs}), prints to A4 and reads on a phone. Every text is escaped ({@link SafeHtml});
 * figures travel as JSON data that only {@code JSON.parse} reads.
 */
@Component
public class HtmlReport {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final PlotlyJs plotly;
    private final JsonMapper json;

    public HtmlReport(PlotlyJs plotly, JsonMapper json) {
        this.plotly = plotly;
        this.json = json;
    }

    /** What the page shows besides the analysis itself. */
    record Meta(String model, long tokens, BigDecimal cost, Instant generatedAt, String status, String error) {
    }

    String render(DeepAnalysisResult r, Meta meta) {
        Optional<String> library = plotly.source();
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                // Nothing may be fetched: a report must not call home or load anything when opened.
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; ")
                .append("style-src 'unsafe-inline'; img-src data: blob:; font-src data:\">\n")
                .append("<title>Deep Analysis Report</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        h.append("<header><h1>Deep Analysis Report</h1><p class=\"meta\">")
                .append(SafeHtml.escape(UTC.format(meta.generatedAt()))).append("</p></header>\n");
        if (library.isEmpty()) {
            h.append("<p class=\"notice\">The charts of this report need plotly.js, which this server does not have "
                    + "(install Debian's python3-plotly package on the server and download the report again).</p>\n");
        }
        if (meta.error() != null && !meta.error().isBlank()) {
            h.append("<p class=\"notice\"><strong>").append(SafeHtml.escape(meta.status())).append(":</strong> ")
                    .append(SafeHtml.escape(meta.error())).append("</p>\n");
        }
        h.append("<section><h2>Original Question</h2><div class=\"goal\">").append(SafeHtml.markdown(r.goal())).append("</div>\n");
        if (!r.questions().isEmpty()) {
            h.append("<h2>Detailed Research Questions</h2><ol class=\"questions\">");
            r.questions().forEach(q -> h.append("<li>").append(SafeHtml.escape(q)).append("</li>"));
            h.append("</ol>\n");
        }
        h.append("</section>\n<section><h2>Analysis &amp; Insights</h2>\n");
        int figureNumber = 0;
        for (int q = 0; q < r.questions().size(); q++) {
            h.append("<article class=\"question\"><h3>").append(q + 1).append(". ").append(SafeHtml.escape(r.questions().get(q))).append("</h3>\n");
            if (q < r.synthesis().size()) h.append(SafeHtml.markdown(r.synthesis().get(q)));
            List<String> figures = q < r.plotlyFigs().size() ? r.plotlyFigs().get(q) : List.of();
            for (String figure : figures) {
                String data = figureJson(figure);
                if (data == null) continue;
                figureNumber++;
                h.append("<div class=\"chart\" id=\"chart-").append(figureNumber).append("\"></div>")
                        .append("<script type=\"application/json\" class=\"figure-data\" data-target=\"chart-").append(figureNumber).append("\">")
                        .append(SafeHtml.scriptJson(data)).append("</script>\n");
            }
            if (q < r.printedOutputs().size() && !r.printedOutputs().get(q).isBlank()) {
                h.append("<details class=\"printed\"><summary>Printed output</summary><pre class=\"output\">")
                        .append(SafeHtml.escape(r.printedOutputs().get(q))).append("</pre></details>\n");
            }
            h.append("</article>\n");
        }
        // Figures beyond the questions (posted data in the original's shape: one list holding every figure).
        StringBuilder others = new StringBuilder();
        for (int q = r.questions().size(); q < r.plotlyFigs().size(); q++) {
            for (String figure : r.plotlyFigs().get(q)) {
                String data = figureJson(figure);
                if (data == null) continue;
                figureNumber++;
                others.append("<div class=\"chart\" id=\"chart-").append(figureNumber).append("\"></div>")
                        .append("<script type=\"application/json\" class=\"figure-data\" data-target=\"chart-").append(figureNumber).append("\">")
                        .append(SafeHtml.scriptJson(data)).append("</script>\n");
            }
        }
        if (!others.isEmpty()) h.append("<article class=\"question\"><h3>Charts</h3>\n").append(others).append("</article>\n");
        if (figureNumber == 0) h.append("<p>No visualizations generated.</p>\n");
        h.append("</section>\n");
        if (!r.notes().isEmpty()) {
            h.append("<section class=\"notes\"><h2>Notes</h2><ul>");
            r.notes().forEach(n -> h.append("<li>").append(SafeHtml.escape(n)).append("</li>"));
            h.append("</ul></section>\n");
        }
        if (!r.finalConclusion().isBlank()) {
            String conclusion = r.finalConclusion().replaceFirst("^\\s*(#+\\s*)?\\*{0,2}Conclusion\\*{0,2}:?\\s*\\n", "");
            h.append("<section class=\"conclusion\"><h2>Conclusion</h2>").append(SafeHtml.markdown(conclusion)).append("</section>\n");
        }
        if (!r.code().isBlank()) {
            h.append("<section class=\"code\"><details><summary>Generated Code</summary><button type=\"button\" class=\"copy\">Copy</button>")
                    .append("<pre><code class=\"language-python\">").append(SafeHtml.python(r.code())).append("</code></pre></details></section>\n");
        }
        h.append("<footer><p>Model: ").append(SafeHtml.escape(meta.model() == null ? "unknown" : meta.model()))
                .append(" · tokens: ").append(meta.tokens())
                .append(" · estimated cost: $").append(SafeHtml.escape(meta.cost() == null ? "0" : meta.cost().stripTrailingZeros().toPlainString()))
                .append("</p></footer>\n</main>\n");
        library.ifPresent(js -> h.append("<script>").append(js.replace("</script", "<\\/script")).append("</script>\n"));
        h.append("<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    /** A figure as compact JSON, or null when it is not a JSON object (it is then left out). */
    private String figureJson(String figure) {
        try {
            var node = json.readTree(figure);
            return node.isObject() ? json.writeValueAsString(node) : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static final String CSS = """
            :root{--ink:#1f2933;--muted:#52606d;--line:#d9e2ec;--accent:#0b6e99;--bg:#fff}
            *{box-sizing:border-box}
            body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
            main{max-width:960px;margin:0 auto;padding:24px 16px}
            h1{font-size:1.9rem;margin:0 0 4px}h2{font-size:1.35rem;border-bottom:2px solid var(--line);padding-bottom:4px;margin-top:2em}
            h3{font-size:1.1rem;color:var(--accent)}
            .meta,footer{color:var(--muted);font-size:.9rem}
            .notice{background:#fff4e5;border-left:4px solid #f0b429;padding:8px 12px}
            .chart{width:100%;min-height:360px;margin:12px 0}
            .table-wrap{overflow-x:auto}table{border-collapse:collapse;margin:8px 0;font-size:.92rem}
            th,td{border:1px solid var(--line);padding:4px 8px;text-align:left}th{background:#f0f4f8}
            pre{background:#f5f7fa;border:1px solid var(--line);padding:10px;overflow-x:auto;font-size:.85rem;white-space:pre-wrap;word-break:break-word}
            code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
            .tok-k{color:#8b1fa9;font-weight:600}.tok-s{color:#0a7d32}.tok-c{color:#7b8794;font-style:italic}.tok-n{color:#b44d12}.tok-b{color:#0b6e99}
            details summary{cursor:pointer;font-weight:600;padding:4px 0}
            .copy{float:right;font-size:.8rem}
            article.question{page-break-inside:avoid}
            @media (max-width:600px){body{font-size:15px}main{padding:12px 10px}h1{font-size:1.5rem}.chart{min-height:280px}}
            @page{size:A4;margin:16mm 14mm}
            @media print{body{font-size:11pt}main{max-width:none;padding:0}.copy,.code{display:none}
              details.printed{display:block}details.printed>*{display:block}
              .chart{page-break-inside:avoid;min-height:0}h2{page-break-after:avoid}a{color:inherit}}
            """;

    private static final String SCRIPT = """
            (function(){
              var nodes=document.querySelectorAll('script.figure-data');
              var charts=[];
              for(var i=0;i<nodes.length;i++){
                var target=document.getElementById(nodes[i].getAttribute('data-target'));
                if(!target)continue;
                if(typeof Plotly==='undefined'){target.textContent='(chart: needs plotly.js)';continue;}
                try{var fig=JSON.parse(nodes[i].textContent);
                  var layout=fig.layout||{};layout.autosize=true;
                  Plotly.newPlot(target,fig.data||[],layout,{responsive:true,displaylogo:false});charts.push(target);
                }catch(e){target.textContent='(this chart could not be drawn)';}
              }
              window.addEventListener('beforeprint',function(){charts.forEach(function(c){Plotly.relayout(c,{width:640});});});
              window.addEventListener('afterprint',function(){charts.forEach(function(c){Plotly.relayout(c,{width:null,autosize:true});Plotly.Plots.resize(c);});});
              var copy=document.querySelector('button.copy');
              if(copy){copy.addEventListener('click',function(){
                var code=document.querySelector('code.language-python');
                if(navigator.clipboard&&code){navigator.clipboard.writeText(code.textContent).catch(function(){});}
              });}
            })();
            """;
}
