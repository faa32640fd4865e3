package io.autoanalyst.agent;

import io.autoanalyst.llm.CallContext;
import io.autoanalyst.llm.CallOptions;
import java.util.Objects;

/**
 * Everything the agents of one chat turn share: the goal (the question with its history), the
 * dataset description, and who the model calls are made for and with which model.
 */
public record TurnContext(String goal, String dataset, CallContext call, CallOptions options) {
    public TurnContext {
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(options, "options");
    }
}
