package io.autoanalyst.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.runtime.TestKernels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkerScriptRunnerTest {

    private static final String SCRIPT = """
            # planner_preprocessing_agent code start

            df_cleaned = df.copy()
            print(df_cleaned.describe())
            fig = px.bar(df_cleaned, x='area', y='price')
            fig.show()
            print("planner_preprocessing_agent has done, check code canvas")

            # planner_preprocessing_agent code end

            # planner_data_viz_agent code start

            import plotly.express as px
            fig = px.histogram(df_cleaned, x="missing_column")
            fig.show()
            print("planner_data_viz_agent has done, check code canvas")

            # planner_data_viz_agent code end
            """;

    @Test
    void twoBlocksWhereTheSecondFailsGiveTheOriginalsResponse(@TempDir Path workRoot) {
        try (TestKernels kernels = TestKernels.start(workRoot)) {
            assertThat(kernels.sessions.run("script",
                    "df = pd.DataFrame({'price': [100.0, 250.5, 4766730.0], 'area': [1, 2, 3]})").success()).isTrue();
            ScriptResult result = new MarkerScriptRunner(kernels.sessions).execute("script", SCRIPT);

            assertThat(result.output()).startsWith("""


                    === OUTPUT FROM PLANNER_PREPROCESSING_AGENT ===
                    <TABLE_START>
                     | price | area
                    count | 3 | 3
                    mean | 1.58903e+06 | 2
                    """);
            assertThat(result.output()).contains("""
                    max | 4.76673e+06 | 3
                    <TABLE_END>
                    planner_preprocessing_agent has done, check code canvas


                    === ERROR IN PLANNER_DATA_VIZ_AGENT ===
                    Error in planner_data_viz_agent: ValueError: Value of 'x' is not the name of a column in 'data_frame'.""");
            assertThat(result.output()).contains("""
                    Problem at this location:
                        1:\s
                        2: import plotly.express as px
                    >>> 3: fig = px.histogram(df_cleaned, x="missing_column") <<<
                        4: fig.show()
                        5: print("planner_data_viz_agent has done, check code canvas")
                    Full error details:
                    """);
            assertThat(result.output().lines()).as("the failing block stopped before its print")
                    .doesNotContain("planner_data_viz_agent has done, check code canvas");
            assertThat(result.successful()).isFalse();
            assertThat(result.failedAgents()).containsExactly("planner_data_viz_agent");
            assertThat(result.errorMessages()).containsOnlyKeys("planner_data_viz_agent");
            assertThat(result.errorMessages().get("planner_data_viz_agent"))
                    .startsWith("Error in planner_data_viz_agent: ValueError").contains(">>> 3:");
            assertThat(result.plotlyOutputs()).singleElement().satisfies(fence -> {
                assertThat(fence).startsWith("```plotly\n{\"data\":[{").endsWith("}\n```\n");
                assertThat(fence).contains("\"type\":\"bar\"");
            });
            assertThat(result.matplotlibOutputs()).isEmpty();
            assertThat(result.blocks()).extracting(b -> b.block().agent())
                    .containsExactly("planner_preprocessing_agent", "planner_data_viz_agent");
        }
    }

    @Test
    void unmarkedCodeIsOneBlockAndItsFailureCounts(@TempDir Path workRoot) {
        try (TestKernels kernels = TestKernels.start(workRoot)) {
            MarkerScriptRunner runner = new MarkerScriptRunner(kernels.sessions);

            ScriptResult ok = runner.execute("plain", "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nprint()\nprint('x')");
            ScriptResult failing = runner.execute("plain", "undefined_name");

            assertThat(ok.output()).isEqualTo("\n\n=== OUTPUT FROM UNKNOWN_AGENT ===\n\nx\n");
            assertThat(ok.matplotlibOutputs()).singleElement().satisfies(fence ->
                    assertThat(fence).startsWith("```matplotlib\niVBORw0KGgo").endsWith("\n```"));
            assertThat(ok.successful()).isTrue();
            assertThat(failing.successful()).isFalse();
            assertThat(failing.failedAgents()).isEmpty();
            assertThat(failing.errorMessages()).containsKey(MarkedScript.UNNAMED);
            assertThat(failing.output()).startsWith("\n\n=== ERROR IN UNKNOWN_AGENT ===\nError in unknown_agent: NameError");
        }
    }
}
