package io.autoanalyst.agent;

import io.autoanalyst.llm.ConversationGoal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Earlier turns of a chat, given to agents as context. Each user message is paired with the answer
 * that followed it (the original paired them by index and drifted when an answer had no summary),
 * the turn being asked right now is left out, and the newest turns are kept within a budget.
 */
public final class ConversationMemory {

    /** A stored message, as much as memory needs of it. */
    public record Entry(String sender, String content) {
    }

    private static final Pattern SUMMARY = Pattern.compile("###\\s*Summary\\s*\\n(.*?)(?=\\n##|\\z)", Pattern.DOTALL);
    private static final int MAX_SIDE_CHARS = 500;

    private final int budgetChars;

    /** @param budgetTokens roughly how many tokens the history may take (4 characters a token) */
    public ConversationMemory(int budgetTokens) {
        this.budgetChars = Math.max(0, budgetTokens) * 4;
    }

    public List<ConversationGoal.Turn> history(List<Entry> messages) {
        List<ConversationGoal.Turn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Entry message = messages.get(i);
            if (!"user".equals(message.sender())) continue;
            Entry answer = i + 1 < messages.size() && "ai".equals(messages.get(i + 1).sender()) ? messages.get(i + 1) : null;
            if (answer == null) continue; // unanswered, e.g. the question being asked now, saved by the client first
            turns.add(new ConversationGoal.Turn(clip(message.content()), clip(summaryOf(answer.content()))));
        }
        List<ConversationGoal.Turn> kept = new ArrayList<>();
        int used = 0;
        for (int i = turns.size() - 1; i >= 0; i--) {
            ConversationGoal.Turn turn = turns.get(i);
            int size = turn.query().length() + turn.summary().length();
            if (used + size > budgetChars) break;
            used += size;
            kept.addFirst(turn);
        }
        return kept;
    }

    static String summaryOf(String answer) {
        Matcher m = SUMMARY.matcher(answer);
        StringBuilder summaries = new StringBuilder();
        while (m.find()) {
            summaries.append(m.group(1).strip()).append('\n');
        }
        String text = summaries.isEmpty() ? answer.replaceAll("```.*?```", "").strip() : summaries.toString().strip();
        return text;
    }

    private static String clip(String s) {
        String text = s == null ? "" : s.strip();
        return text.length() > MAX_SIDE_CHARS ? text.substring(0, MAX_SIDE_CHARS) + "…" : text;
    }
}
