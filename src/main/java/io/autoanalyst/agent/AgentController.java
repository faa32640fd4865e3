package io.autoanalyst.agent;

import io.autoanalyst.session.SessionContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original's agent list. Like the original it needs a session: the original frontend creates its guest
 * session only when its first call (this one) answers 400 "Session ID required".
 */
@RestController
@Tag(name = "Agents", description = "The analysis agents")
public class AgentController {

    static final List<String> STANDARD = List.of("preprocessing_agent", "statistical_analytics_agent", "sk_learn_agent", "data_viz_agent");

    private final AgentCatalog catalog;

    public AgentController(AgentCatalog catalog) {
        this.catalog = catalog;
    }

    public record AgentList(List<String> availableAgents, List<String> standardAgents, List<String> templateAgents,
                            List<String> customAgents) {
    }

    @GetMapping("/agents")
    @Operation(summary = "Agents that can be addressed directly (@agent_name or POST /chat/{agent_name})")
    public AgentList agents(SessionContext session) {
        Set<String> individual = catalog.individualAgents().keySet();
        List<String> standard = STANDARD.stream().filter(individual::contains).toList();
        List<String> templates = individual.stream()
                .filter(n -> !STANDARD.contains(n) && !n.equals(AgentCatalog.QA_AGENT))
                .sorted().toList();
        List<String> available = new java.util.ArrayList<>(standard);
        available.addAll(templates);
        return new AgentList(available, standard, templates, List.of());
    }
}
