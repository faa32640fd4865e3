package io.autoanalyst.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.agent.ConversationMemory.Entry;
import io.autoanalyst.llm.ConversationGoal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationMemoryTest {

    private final ConversationMemory memory = new ConversationMemory(2000);

    @Test
    void pairsEachQuestionWithTheAnswerThatFollowedIt() {
        List<Entry> messages = List.of(
                new Entry("user", "first question"),
                new Entry("ai", "## Agent\n### Code Implementation\n```python\nx=1\n```\n### Summary\n- first answer\n"),
                new Entry("user", "second question, never answered"),
                new Entry("user", "third question"),
                new Entry("ai", "an answer without a summary heading"),
                new Entry("user", "the question being asked now"));
        List<ConversationGoal.Turn> history = memory.history(messages);
        assertThat(history).containsExactly(
                new ConversationGoal.Turn("first question", "- first answer"),
                new ConversationGoal.Turn("third question", "an answer without a summary heading"));
    }

    @Test
    void keepsTheNewestTurnsWithinTheBudget() {
        ConversationMemory small = new ConversationMemory(30); // 120 characters
        List<Entry> messages = List.of(
                new Entry("user", "old " + "x".repeat(80)), new Entry("ai", "### Summary\n" + "y".repeat(80)),
                new Entry("user", "new question"), new Entry("ai", "### Summary\nnew answer"));
        assertThat(small.history(messages)).extracting(ConversationGoal.Turn::query).containsExactly("new question");
    }

    @Test
    void theGoalPutsTheCurrentQueryFirstAndCanBeReadBack() {
        String goal = ConversationGoal.compose("plot price", List.of(new ConversationGoal.Turn("mean price?", "- 4.7M")));
        assertThat(goal).startsWith("### Current Query:\nplot price").contains("### Previous Interaction History:", "Query: mean price?");
        assertThat(ConversationGoal.currentQuery(goal)).isEqualTo("plot price");
        assertThat(ConversationGoal.currentQuery("no history")).isEqualTo("no history");
    }
}
