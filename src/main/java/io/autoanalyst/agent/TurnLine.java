package io.autoanalyst.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One NDJSON line of a chat turn. The original's lines are {@code {agent, content, status}}; its
 * frontend shows each line by agent name and ignores agents it does not know, so our extra lines
 * (code execution, fix attempts, the terminal line) and extra fields are safe for it.
 *
 * <p>Statuses: {@code success}, {@code error} (the content says why), {@code retry} (a fix attempt
 * follows), and {@code complete} on the terminal line, which every stream ends with.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TurnLine(String agent, String content, String status, String code, List<String> plotlyOutputs,
                       List<String> matplotlibOutputs, List<String> failedAgents, Integer attempt, Long elapsedMs,
                       String model) {

    public static final String EXECUTION = "code_execution";
    public static final String FIX = "code_fix";
    public static final String DONE = "turn_complete";

    public static TurnLine of(String agent, String content, String status) {
        return new TurnLine(agent, content, status, null, null, null, null, null, null, null);
    }

    public static TurnLine agent(AgentResult result) {
        return new TurnLine(result.agent(), AgentMarkdown.of(result), result.failed() ? "error" : "success",
                result.hasCode() ? result.code() : null, null, null, null, null, null, result.model());
    }

    public static TurnLine done(long elapsedMs, String status) {
        return new TurnLine(DONE, "", status, null, null, null, null, null, elapsedMs, null);
    }
}
