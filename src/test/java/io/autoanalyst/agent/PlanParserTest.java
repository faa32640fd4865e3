package io.autoanalyst.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.llm.LenientJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class PlanParserTest {

    private static final List<String> AVAILABLE = List.of("planner_preprocessing_agent", "planner_data_viz_agent",
            "planner_statistical_analytics_agent", "basic_qa_agent");
    private final PlanParser parser = new PlanParser(new LenientJson(JsonMapper.shared()));

    @Test
    void instructionsKeyedWithoutThePrefixAreKept() {
        Plan plan = parser.parse("intermediate", "Plan: preprocessing_agent -> data_viz_agent",
                "{\"preprocessing_agent\": {\"create\": [\"df_clean: DataFrame - no nulls\"], \"use\": [\"df\"], \"instruction\": \"clean\"},"
                        + " \"planner_data_viz_agent\": {\"create\": [\"fig\"], \"use\": [\"df_clean: DataFrame\"], \"instruction\": \"plot\"}}",
                AVAILABLE);
        assertThat(plan.agentNames()).containsExactly("planner_preprocessing_agent", "planner_data_viz_agent");
        assertThat(plan.steps().get(0).instruction()).isEqualTo("clean");
        assertThat(plan.steps().get(0).createdNames()).containsExactly("df_clean");
        assertThat(plan.steps().get(1).usedNames()).containsExactly("df_clean");
        assertThat(plan.dependencies()).containsExactly(List.of(), List.of(0));
    }

    @Test
    void pythonDictStyleInstructionsAreRead() {
        Plan plan = parser.parse("basic", "planner_statistical_analytics_agent",
                "{'planner_statistical_analytics_agent': {'create': ['model'], 'use': ['df'], 'instruction': 'fit OLS', 'optional': None}}",
                AVAILABLE);
        assertThat(plan.steps().getFirst().instruction()).isEqualTo("fit OLS");
    }

    @Test
    void independentStepsHaveNoDependencies() {
        Plan plan = parser.parse("advanced", "planner_statistical_analytics_agent -> planner_data_viz_agent",
                "{\"planner_statistical_analytics_agent\": {\"create\": [\"model\"], \"use\": [\"df\"]},"
                        + " \"planner_data_viz_agent\": {\"create\": [\"fig\"], \"use\": [\"df\"]}}", AVAILABLE);
        assertThat(plan.dependencies()).containsExactly(List.of(), List.of());
    }

    @Test
    void garbageInstructionsLeaveStepsWithoutInstructions() {
        Plan plan = parser.parse(null, "`basic_qa_agent`", "not json at all", AVAILABLE);
        assertThat(plan.agentNames()).containsExactly("basic_qa_agent");
        assertThat(plan.complexity()).isEqualTo("basic");
        assertThat(plan.steps().getFirst().instruction()).isEmpty();
    }

    @Test
    void unknownAgentsAreKeptSoTheExecutorCanSayWhy() {
        assertThat(parser.parse("basic", "made_up_agent", "{}", AVAILABLE).agentNames()).containsExactly("made_up_agent");
    }
}
