package io.autoanalyst.script;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkedScriptTest {

    @Test
    void splitsOnAgentMarkersAndKeepsUnmarkedCodeInPlace() {
        MarkedScript script = MarkedScript.parse("""
                import pandas as pd
                # a_agent code start
                x = 1
                # a_agent code end

                # only a comment
                # b_agent code start
                # b_agent code end
                y = 2
                """);

        assertThat(script.blocks()).containsExactly(
                new MarkedScript.Block(null, "import pandas as pd\n"),
                new MarkedScript.Block("a_agent", "x = 1\n"),
                new MarkedScript.Block("b_agent", ""),
                new MarkedScript.Block(null, "y = 2\n\n"));
        assertThat(script.blocks().getFirst().label()).isEqualTo("unknown_agent");
    }

    @Test
    void formatsFloatsLikePythonsG() {
        assertThat(PipeTable.pythonG(4766730.0)).isEqualTo("4.76673e+06");
        assertThat(PipeTable.pythonG(5150.54)).isEqualTo("5150.54");
        assertThat(PipeTable.pythonG(2.0)).isEqualTo("2");
        assertThat(PipeTable.pythonG(123456.7)).isEqualTo("123457");
        assertThat(PipeTable.pythonG(0.0001)).isEqualTo("0.0001");
        assertThat(PipeTable.pythonG(0.00001234)).isEqualTo("1.234e-05");
        assertThat(PipeTable.pythonG(-3.5)).isEqualTo("-3.5");
        assertThat(PipeTable.pythonG(1e16)).isEqualTo("1e+16");
        assertThat(PipeTable.pythonG(1.5e-100)).isEqualTo("1.5e-100");
        assertThat(PipeTable.pythonG(Double.NaN)).isEqualTo("nan");
    }
}
