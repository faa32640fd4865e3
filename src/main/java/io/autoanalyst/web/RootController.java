package io.autoanalyst.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The original's liveness and welcome routes, with their bodies. */
@RestController
@Tag(name = "Service", description = "Liveness and welcome")
public class RootController {

    public record Welcome(String title, String message, String description, Map<String, String> colors,
                          List<String> features) {
    }

    public record Health(String message) {
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
    @Operation(summary = "Liveness (original body). Readiness, which checks the database, is /actuator/health/readiness")
    public Health health() {
        return new Health("API is healthy and running");
    }
}
