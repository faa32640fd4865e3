package io.autoanalyst.agent;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Agent settings ({@code autoanalyst.agents.*}).
 *
 * @param maxFixAttempts how often a chat turn asks the model to repair its combined code when it fails (0: never)
 * @param fixCandidates  candidates {@code /code/fix} asks the model for, each verified in a scratch kernel, before giving up
 * @param memoryTokens   budget of earlier turns given to agents as context, in tokens of about 4 characters (0: none)
 */
@ConfigurationProperties("autoanalyst.agents")
public record AgentSettings(@DefaultValue("2") int maxFixAttempts,
                            @DefaultValue("3") int fixCandidates,
                            @DefaultValue("1500") int memoryTokens) {
    public AgentSettings {
        if (maxFixAttempts < 0) throw new IllegalArgumentException("autoanalyst.agents.max-fix-attempts must not be negative");
        if (fixCandidates < 1) throw new IllegalArgumentException("autoanalyst.agents.fix-candidates must be at least 1");
        if (memoryTokens < 0) throw new IllegalArgumentException("autoanalyst.agents.memory-tokens must not be negative");
    }
}
