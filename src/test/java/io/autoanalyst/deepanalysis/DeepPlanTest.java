package io.autoanalyst.deepanalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoanalyst.llm.LenientJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class DeepPlanTest {

    static final List<String> AGENTS = List.of("planner_data_viz_agent", "planner_statistical_analytics_agent");
    static final LenientJson LENIENT = new LenientJson(JsonMapper.shared());

    @Test
    void anArrayOfStepsIsReadWithAgentNamesMatchedWithOrWithoutThePrefix() throws Exception {
        DeepPlan plan = DeepPlan.parse("Here: [{\"agent\": \"data_viz_agent\", \"questions\": [1, 2], \"instruction\": \"charts\"},"
                + " {'agent': 'planner_statistical_analytics_agent', 'questions': [3],},]", AGENTS, 3, LENIENT);
        assertThat(plan.steps()).extracting(DeepPlan.Step::agent).containsExactly("planner_data_viz_agent", "planner_statistical_analytics_agent");
        assertThat(plan.steps().getFirst().questions()).containsExactly(1, 2);
    }

    @Test
    void theOriginalsObjectKeyedByAgentIsReadAndUnclaimedQuestionsAreShared() throws Exception {
        DeepPlan plan = DeepPlan.parse("{'data_viz_agent': {'create': [], 'use': ['df'], 'instruction': 'plot', 'questions': [2]}, "
                + "'statistical_analytics_agent': {'instruction': 'test', 'flag': True}}", AGENTS, 3, LENIENT);
        assertThat(plan.steps()).hasSize(2);
        assertThat(plan.steps().get(0).questions()).containsExactly(2, 1);
        assertThat(plan.steps().get(1).questions()).containsExactly(3);
    }

    @Test
    void anUnknownAgentOrTextThatIsNotJsonIsUnreadableWithTheReason() {
        assertThatThrownBy(() -> DeepPlan.parse("[{\"agent\": \"ghost\"}]", AGENTS, 1, LENIENT)).hasMessageContaining("unknown agent 'ghost'");
        assertThatThrownBy(() -> DeepPlan.parse("use the viz agent", AGENTS, 1, LENIENT)).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> DeepPlan.parse("[]", AGENTS, 1, LENIENT)).hasMessageContaining("no steps");
    }
}
