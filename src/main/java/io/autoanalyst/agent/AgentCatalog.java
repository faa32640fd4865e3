package io.autoanalyst.agent;

import io.autoanalyst.template.AgentTemplate;
import io.autoanalyst.template.TemplateRepository;
import io.autoanalyst.template.TemplateService;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Which agents a user can reach, built from the agent templates in the database. */
@Component
public class AgentCatalog {

    public static final String QA_AGENT = "basic_qa_agent";
    public static final String PLANNER_NAME = "Analytical Planner";

    private final TemplateRepository templates;
    private final TemplateService preferences;

    public AgentCatalog(TemplateRepository templates, TemplateService preferences) {
        this.templates = templates;
        this.preferences = preferences;
    }

    /**
     * The planner's agents for this user: their enabled planner templates (at most ten, most used
     * first). A core agent the user switched off is not used (the original re-added it). The
     * question-and-answer agent is always there.
     */
    public Map<String, AgentDefinition> plannerAgents(long userId) {
        Map<String, AgentDefinition> agents = new LinkedHashMap<>();
        preferences.enabledForPlanner(userId).forEach(v -> agents.put(v.template().templateName(), AgentDefinition.of(v.template())));
        templates.findByName(QA_AGENT).filter(AgentTemplate::active)
                .ifPresent(t -> agents.putIfAbsent(QA_AGENT, AgentDefinition.of(t)));
        return agents;
    }

    /** Agents a user may address directly (@agent or /chat/{agent}): every active individual template. */
    public Map<String, AgentDefinition> individualAgents() {
        Map<String, AgentDefinition> agents = new LinkedHashMap<>();
        templates.all().stream()
                .filter(AgentTemplate::active)
                .filter(AgentTemplate::forIndividualUse)
                .forEach(t -> agents.put(t.templateName(), AgentDefinition.of(t)));
        return agents;
    }
}
