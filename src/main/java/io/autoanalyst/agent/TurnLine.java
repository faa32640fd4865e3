package io.autoanalyst.agent;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import io.autoanalyst.script.ScriptResult;
import java.util.List;
import java.util.Locale;

/**
 * One NDJSON line of a chat turn, one type per kind of line. The original's lines are
 * {@code {agent, content, status}}; its frontend shows each line by agent name and ignores agents
 * it does not know, so our extra lines (code execution, fix attempts, the queue, the terminal line)
 * and extra fields are safe for it. Every line starts with {@code agent}, {@code content},
 * {@code status}; fields a line does not have are left out, not sent as null.
 *
 * <p>Statuses: {@code success}, {@code error} (the content says why), {@code retry} (a fix attempt
 * follows), {@code waiting} (a queue line: the code waits for a Python kernel, {@code position} 1 is
 * next), and {@code complete} on the terminal line, which every stream ends with.
 */
public sealed interface TurnLine permits TurnLine.AgentAnswer, TurnLine.CodeFix, TurnLine.CodeExecution,
        TurnLine.QueueWaiting, TurnLine.TurnComplete {

    /** The {@code agent} of the lines that are ours rather than an agent's. */
    String EXECUTION = "code_execution";
    String FIX = "code_fix";
    String QUEUE = "queue";
    String DONE = "turn_complete";

    /** An agent's name, or which of our lines this is. */
    String agent();

    String content();

    /** The line reports a failure: its status is {@code error}. */
    boolean failed();

    /** The status of a line that either worked or did not. */
    enum Outcome {
        SUCCESS, ERROR;

        static Outcome of(boolean successful) {
            return successful ? SUCCESS : ERROR;
        }

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A fix attempt is announced ({@code retry}), then ends in {@code success} or {@code error}. */
    enum FixStatus {
        RETRY, SUCCESS, ERROR;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How the whole turn ended. */
    enum TurnStatus {
        COMPLETE, ERROR;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The planner's plan, or one agent's answer (its markdown, and its code when it wrote some). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AgentAnswer(String agent, String content, Outcome status, String code, String model) implements TurnLine {

        public AgentAnswer {
            requireNonNull(agent, "agent");
            requireNonNull(content, "content");
            requireNonNull(status, "status");
        }

        public static AgentAnswer of(AgentResult result) {
            return new AgentAnswer(result.agent(), AgentMarkdown.of(result), Outcome.of(!result.failed()),
                    result.hasCode() ? result.code() : null, result.model());
        }

        public static AgentAnswer plan(String markdown) {
            return new AgentAnswer(AgentCatalog.PLANNER_NAME, markdown, Outcome.SUCCESS, null, null);
        }

        public static AgentAnswer planFailed(String message) {
            return new AgentAnswer(AgentCatalog.PLANNER_NAME, "**Error**: " + message, Outcome.ERROR, null, null);
        }

        @Override
        public boolean failed() {
            return status == Outcome.ERROR;
        }
    }

    /** One attempt of the turn's fix loop: announced, the model's failure, or how the fixed code ran. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"agent", "content", "status", "code", "failedAgents", "attempt"})
    record CodeFix(String content, FixStatus status, String code, List<String> failedAgents, int attempt) implements TurnLine {

        public CodeFix {
            requireNonNull(content, "content");
            requireNonNull(status, "status");
            if (failedAgents != null) failedAgents = List.copyOf(failedAgents);
        }

        /** The code failed; the model is asked for a fix. */
        public static CodeFix retrying(int attempt, int maxAttempts, List<String> failedAgents) {
            return new CodeFix("The code failed; asking the model for a fix (attempt " + attempt + " of " + maxAttempts + ")",
                    FixStatus.RETRY, null, failedAgents, attempt);
        }

        /** The model could not be asked (or gave nothing usable): the loop ends. */
        public static CodeFix modelFailed(int attempt, String message) {
            return new CodeFix("**Error**: " + message, FixStatus.ERROR, null, null, attempt);
        }

        /** The model's fixed code, and how it ran. */
        public static CodeFix ran(int attempt, String code, ScriptResult execution) {
            return new CodeFix(execution.successful() ? "The fixed code ran without errors" : "The fixed code failed too",
                    execution.successful() ? FixStatus.SUCCESS : FixStatus.ERROR, code, execution.failedAgents(), attempt);
        }

        @Override
        @JsonProperty("agent")
        public String agent() {
            return FIX;
        }

        @Override
        public boolean failed() {
            return status == FixStatus.ERROR;
        }
    }

    /** The turn's combined code ran (its output and figures), or could not run at all. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"agent", "content", "status", "plotlyOutputs", "matplotlibOutputs", "failedAgents"})
    record CodeExecution(String content, Outcome status, List<String> plotlyOutputs, List<String> matplotlibOutputs,
                         List<String> failedAgents) implements TurnLine {

        public CodeExecution {
            requireNonNull(content, "content");
            requireNonNull(status, "status");
        }

        public static CodeExecution of(ScriptResult execution) {
            return new CodeExecution(execution.output(), Outcome.of(execution.successful()), execution.plotlyOutputs(),
                    execution.matplotlibOutputs(), execution.failedAgents());
        }

        /** No kernel could run the code (all busy, or none can start here). */
        public static CodeExecution couldNotRun(String reason) {
            return new CodeExecution("**Error**: the code could not run: " + reason, Outcome.ERROR, null, null, null);
        }

        @Override
        @JsonProperty("agent")
        public String agent() {
            return EXECUTION;
        }

        @Override
        public boolean failed() {
            return status == Outcome.ERROR;
        }
    }

    /** Every kernel is taken: the turn's code waits in line, {@code position} 1 being next. */
    @JsonPropertyOrder({"agent", "content", "status", "position", "queued"})
    record QueueWaiting(int position, int queued) implements TurnLine {

        public static final String WAITING = "waiting";

        @Override
        @JsonProperty("agent")
        public String agent() {
            return QUEUE;
        }

        @Override
        @JsonProperty("content")
        public String content() {
            return position == 1 ? "Waiting for a Python kernel: next in line (" + queued + " waiting)"
                    : "Waiting for a Python kernel: " + position + " in line (" + queued + " waiting)";
        }

        @JsonProperty("status")
        public String status() {
            return WAITING;
        }

        @Override
        public boolean failed() {
            return false;
        }
    }

    /** The last line of every turn; {@code elapsedMs} is left out when the turn broke off unexpectedly. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"agent", "content", "status", "elapsedMs"})
    record TurnComplete(String content, TurnStatus status, Long elapsedMs) implements TurnLine {

        public TurnComplete {
            requireNonNull(content, "content");
            requireNonNull(status, "status");
        }

        public static TurnComplete after(long elapsedMs, boolean anyFailed) {
            return new TurnComplete("", anyFailed ? TurnStatus.ERROR : TurnStatus.COMPLETE, elapsedMs);
        }

        /** The turn failed in a way its own lines could not report; {@code content} says so. */
        public static TurnComplete brokeOff(String content) {
            return new TurnComplete(content, TurnStatus.ERROR, null);
        }

        @Override
        @JsonProperty("agent")
        public String agent() {
            return DONE;
        }

        @Override
        public boolean failed() {
            return status == TurnStatus.ERROR;
        }
    }
}
