package io.autoanalyst.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One NDJSON line of a chat turn. The original's lines are {@code {agent, content, status}}; its
 * frontend shows each line by agent name and ignores agents it does not know, so our extra lines
 * (code execution, fix attempts, the terminal line) and extra fields are safe for it.
 *
 * <p>Statuses: {@code success}, {@code error} (the content says why), {@code retry} (a fix attempt
 * follows), {@code waiting} (a queue line: the code waits for a Python kernel, {@code position} 1 is
 * next), and {@code complete} on the terminal line, which every stream ends with.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TurnLine(String agent, String content, String status, String code, List<String> plotlyOutputs,
                       List<String> matplotlibOutputs, List<String> failedAgents, Integer attempt, Long elapsedMs,
                       String model, Integer position, Integer queued) {

    public static final String EXECUTION = "code_execution";
    public static final String FIX = "code_fix";
    public static final String QUEUE = "queue";
    public static final String DONE = "turn_complete";

    public TurnLine(String agent, String content, String status, String code, List<String> plotlyOutputs,
                    List<String> matplotlibOutputs, List<String> failedAgents, Integer attempt, Long elapsedMs, String model) {
        this(agent, content, status, code, plotlyOutputs, matplotlibOutputs, failedAgents, attempt, elapsedMs, model, null, null);
    }

    /** Every kernel is taken: the turn's code waits in line. */
    public static TurnLine queue(int position, int queued) {
        String content = position == 1 ? "Waiting for a Python kernel: next in line (" + queued + " waiting)"
                : "Waiting for a Python kernel: " + position + " in line (" + queued + " waiting)";
        return new TurnLine(QUEUE, content, "waiting", null, null, null, null, null, null, null, position, queued);
    }

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
