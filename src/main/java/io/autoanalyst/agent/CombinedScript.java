package io.autoanalyst.agent;

import java.util.List;

/** The agents' code joined in plan order with the original's markers, as its frontend builds it. */
public final class CombinedScript {

    private CombinedScript() {
    }

    public static String of(List<AgentResult> results) {
        StringBuilder script = new StringBuilder();
        for (AgentResult result : results) {
            if (result.failed() || !result.hasCode()) continue;
            script.append("# ").append(result.agent()).append(" code start\n")
                    .append(result.code().strip()).append('\n')
                    .append("# ").append(result.agent()).append(" code end\n\n");
        }
        return script.toString();
    }
}
