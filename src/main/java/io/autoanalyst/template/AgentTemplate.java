package io.autoanalyst.template;

import java.time.Instant;

/** An agent definition stored in agent_templates: its prompt becomes the agent's instructions. */
public record AgentTemplate(long templateId, String templateName, String displayName, String description,
                            String promptTemplate, String iconUrl, String category, boolean premiumOnly,
                            String variantType, String baseAgent, boolean active, Instant createdAt, Instant updatedAt) {

    public boolean forPlanner() {
        return variantType.equals("planner") || variantType.equals("both");
    }

    public boolean forIndividualUse() {
        return variantType.equals("individual") || variantType.equals("both");
    }
}
