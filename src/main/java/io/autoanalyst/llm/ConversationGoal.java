package io.autoanalyst.llm;

import java.util.List;

/**
 * The {@code goal} text agents receive: the current question, then earlier turns as context, in
 * the original's layout, which its prompts and ours refer to ("only the Current Query is the request").
 */
public final class ConversationGoal {

    static final String CURRENT = "### Current Query:";
    static final String HISTORY = "### Previous Interaction History:";

    private ConversationGoal() {
    }

    /** One earlier turn: what the user asked and the summary of the answer. */
    public record Turn(String query, String summary) {
    }

    public static String compose(String query, List<Turn> history) {
        if (history.isEmpty()) {
            return query;
        }
        StringBuilder goal = new StringBuilder(CURRENT).append('\n').append(query).append("\n\n").append(HISTORY).append('\n');
        for (Turn turn : history) {
            goal.append("Query: ").append(turn.query()).append('\n').append("Summary: ").append(turn.summary()).append("\n\n");
        }
        return goal.toString().strip();
    }

    /** The question alone, without the history that {@link #compose} appended. */
    public static String currentQuery(String goal) {
        if (goal == null) return null;
        int start = goal.indexOf(CURRENT);
        if (start < 0) return goal;
        String rest = goal.substring(start + CURRENT.length());
        int history = rest.indexOf(HISTORY);
        return (history < 0 ? rest : rest.substring(0, history)).strip();
    }
}
