package io.autoanalyst.agent;

import java.util.Objects;

/**
 * What one agent produced: code and summary, or an answer (question-and-answer agent), or an
 * error a user can read. {@code model} is the registry id of the model that answered.
 */
public record AgentResult(String agent, String code, String summary, String error, String model) {

    public AgentResult {
        Objects.requireNonNull(agent, "agent");
    }

    public static AgentResult success(String agent, String code, String summary, String model) {
        return new AgentResult(agent, code == null ? "" : code, summary == null ? "" : summary, null, model);
    }

    public static AgentResult failure(String agent, String error) {
        return new AgentResult(agent, null, null, error, null);
    }

    public boolean failed() {
        return error != null;
    }

    public boolean hasCode() {
        return code != null && !code.isBlank();
    }
}
