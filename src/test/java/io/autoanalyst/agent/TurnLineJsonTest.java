package io.autoanalyst.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.script.ScriptResult;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code /chat} stream's lines, exactly as the application's JSON mapper (configured by
 * application.yml) writes them: the original frontend and our UI read these keys, and a line never
 * carries a key it has no value for.
 */
class TurnLineJsonTest {

    private static final ScriptResult RAN = new ScriptResult("out", List.of("```plotly\n{}\n```\n"), List.of(), true,
            List.of(), Map.of(), List.of());
    private static final ScriptResult FAILED = new ScriptResult("err", List.of(), List.of("m"), false, List.of("a_agent"),
            Map.of("a_agent", "x"), List.of());

    private static void withAppMapper(Consumer<JsonMapper> test) {
        new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .run(context -> test.accept(context.getBean(JsonMapper.class)));
    }

    @Test
    void agentAnswersCarryCodeAndModelOnlyWhenThereAreSome() {
        withAppMapper(json -> {
            assertThat(json.writeValueAsString(TurnLine.AgentAnswer.of(AgentResult.success("data_viz_agent", "print(1)", "sum", "offline"))))
                    .isEqualTo("{\"agent\":\"data_viz_agent\",\"content\":\"## Data Viz Agent\\n\\n### Code Implementation\\n```python\\n"
                            + "print(1)\\n```\\n\\n### Summary\\nsum\\n\",\"status\":\"success\",\"code\":\"print(1)\",\"model\":\"offline\"}");
            assertThat(json.writeValueAsString(TurnLine.AgentAnswer.of(AgentResult.success("qa_agent", "", "answer", null))))
                    .isEqualTo("{\"agent\":\"qa_agent\",\"content\":\"## Qa Agent\\n\\n### Answer\\nanswer\\n\",\"status\":\"success\"}");
            assertThat(json.writeValueAsString(TurnLine.AgentAnswer.of(AgentResult.failure("data_viz_agent", "boom"))))
                    .isEqualTo("{\"agent\":\"data_viz_agent\",\"content\":\"## Data Viz Agent\\n\\n**Error**: boom\\n\",\"status\":\"error\"}");
        });
    }

    @Test
    void plannerLines() {
        withAppMapper(json -> {
            assertThat(json.writeValueAsString(TurnLine.AgentAnswer.plan("## plan")))
                    .isEqualTo("{\"agent\":\"Analytical Planner\",\"content\":\"## plan\",\"status\":\"success\"}");
            assertThat(json.writeValueAsString(TurnLine.AgentAnswer.planFailed("x")))
                    .isEqualTo("{\"agent\":\"Analytical Planner\",\"content\":\"**Error**: x\",\"status\":\"error\"}");
        });
    }

    @Test
    void fixLines() {
        withAppMapper(json -> {
            assertThat(json.writeValueAsString(TurnLine.CodeFix.retrying(1, 2, FAILED.failedAgents())))
                    .isEqualTo("{\"agent\":\"code_fix\",\"content\":\"The code failed; asking the model for a fix (attempt 1 of 2)\","
                            + "\"status\":\"retry\",\"failed_agents\":[\"a_agent\"],\"attempt\":1}");
            assertThat(json.writeValueAsString(TurnLine.CodeFix.modelFailed(2, "m")))
                    .isEqualTo("{\"agent\":\"code_fix\",\"content\":\"**Error**: m\",\"status\":\"error\",\"attempt\":2}");
            assertThat(json.writeValueAsString(TurnLine.CodeFix.ran(1, "print(2)", RAN)))
                    .isEqualTo("{\"agent\":\"code_fix\",\"content\":\"The fixed code ran without errors\",\"status\":\"success\","
                            + "\"code\":\"print(2)\",\"failed_agents\":[],\"attempt\":1}");
            assertThat(json.writeValueAsString(TurnLine.CodeFix.ran(2, "print(3)", FAILED)))
                    .isEqualTo("{\"agent\":\"code_fix\",\"content\":\"The fixed code failed too\",\"status\":\"error\","
                            + "\"code\":\"print(3)\",\"failed_agents\":[\"a_agent\"],\"attempt\":2}");
        });
    }

    @Test
    void executionLines() {
        withAppMapper(json -> {
            assertThat(json.writeValueAsString(TurnLine.CodeExecution.of(RAN)))
                    .isEqualTo("{\"agent\":\"code_execution\",\"content\":\"out\",\"status\":\"success\","
                            + "\"plotly_outputs\":[\"```plotly\\n{}\\n```\\n\"],\"matplotlib_outputs\":[],\"failed_agents\":[]}");
            assertThat(json.writeValueAsString(TurnLine.CodeExecution.of(FAILED)))
                    .isEqualTo("{\"agent\":\"code_execution\",\"content\":\"err\",\"status\":\"error\","
                            + "\"plotly_outputs\":[],\"matplotlib_outputs\":[\"m\"],\"failed_agents\":[\"a_agent\"]}");
            assertThat(json.writeValueAsString(TurnLine.CodeExecution.couldNotRun("x")))
                    .isEqualTo("{\"agent\":\"code_execution\",\"content\":\"**Error**: the code could not run: x\",\"status\":\"error\"}");
        });
    }

    @Test
    void queueLines() {
        withAppMapper(json -> {
            assertThat(json.writeValueAsString(new TurnLine.QueueWaiting(1, 3)))
                    .isEqualTo("{\"agent\":\"queue\",\"content\":\"Waiting for a Python kernel: next in line (3 waiting)\","
                            + "\"status\":\"waiting\",\"position\":1,\"queued\":3}");
            assertThat(json.writeValueAsString(new TurnLine.QueueWaiting(2, 3)))
                    .isEqualTo("{\"agent\":\"queue\",\"content\":\"Waiting for a Python kernel: 2 in line (3 waiting)\","
                            + "\"status\":\"waiting\",\"position\":2,\"queued\":3}");
        });
    }

    @Test
    void terminalLines() {
        withAppMapper(json -> {
            assertThat(json.writeValueAsString(TurnLine.TurnComplete.after(12, false)))
                    .isEqualTo("{\"agent\":\"turn_complete\",\"content\":\"\",\"status\":\"complete\",\"elapsed_ms\":12}");
            assertThat(json.writeValueAsString(TurnLine.TurnComplete.after(5, true)))
                    .isEqualTo("{\"agent\":\"turn_complete\",\"content\":\"\",\"status\":\"error\",\"elapsed_ms\":5}");
            assertThat(json.writeValueAsString(TurnLine.TurnComplete.brokeOff("**Error**: z")))
                    .isEqualTo("{\"agent\":\"turn_complete\",\"content\":\"**Error**: z\",\"status\":\"error\"}");
        });
    }
}
