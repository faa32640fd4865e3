package io.autoanalyst.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The original's liveness and welcome routes, with their bodies. */
@RestController
@Tag(name = "Service", description = "Liveness and welcome")
public class RootController {

    private final List<HealthDetails> details;

    public RootController(List<HealthDetails> details) {
        this.details = details;
    }

    public record Welcome(String title, String message, String description, Map<String, String> colors,
                          List<String> features) {
    }


    @GetMapping("/")
    @Operation(summary = "Welcome object (original shape)")
    public Welcome welcome() {
        return new Welcome(
                "Auto-Analyst API",
                "Welcome to the Auto-Analyst API",
                "A self-hostable AI data-analysis server: upload a dataset, ask questions, and agents write and run "
                        + "pandas, scikit-learn, statsmodels and Plotly code in a sandboxed Python kernel.",
                Map.of("primary", "#FF7F7F", "secondary", "#1a1a1a", "success", "#34d399", "danger", "#ef4444"),
                List.of(
                        "Chat with your data through a team of analysis agents",
                        "Code that runs in a sandboxed Python kernel, editable and re-runnable",
                        "Interactive Plotly charts, tables and statistical models",
                        "Deep analysis that ends in a downloadable HTML report",
                        "Usage, cost and quality analytics for administrators"));
    }

    @GetMapping("/health")
    @Operation(summary = "Liveness (the original's body, plus what features report, e.g. whether the sandbox is degraded). "
            + "Readiness, which checks the database, is /actuator/health/readiness")
    public Map<String, Object> health() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "API is healthy and running");
        details.forEach(d -> body.putAll(d.healthDetails()));
        return body;
    }
}
