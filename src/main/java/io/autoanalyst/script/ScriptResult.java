package io.autoanalyst.script;

import static java.util.Objects.requireNonNull;

import io.autoanalyst.runtime.RunResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pieces of the original {@code /code/execute} response, plus what each block produced.
 *
 * @param output            the {@code === OUTPUT FROM X ===} / {@code === ERROR IN X ===} text,
 *                          tables as {@code <TABLE_START>} pipe rows
 * @param plotlyOutputs     {@code ```plotly\n<figure JSON>\n```\n} entries; empty when none (the
 *                          original sent null then)
 * @param matplotlibOutputs {@code ```matplotlib\n<base64 PNG>\n```} entries; empty when none
 * @param successful        every block, marked or not, ran without error
 * @param failedAgents      names of marked blocks that failed, in script order (the original
 *                          sends this JSON-encoded, or null when empty)
 * @param errorMessages     block label → error excerpt, for every failed block
 * @param blocks            each block with its full run result, for notebook export and records
 */
public record ScriptResult(String output, List<String> plotlyOutputs, List<String> matplotlibOutputs, boolean successful,
                           List<String> failedAgents, Map<String, String> errorMessages, List<BlockRun> blocks) {

    /** One block of the script and how its run went. */
    public record BlockRun(MarkedScript.Block block, RunResult result) {
        public BlockRun {
            requireNonNull(block, "block");
            requireNonNull(result, "result");
        }
    }

    public ScriptResult {
        requireNonNull(output, "output");
        plotlyOutputs = List.copyOf(plotlyOutputs);
        matplotlibOutputs = List.copyOf(matplotlibOutputs);
        failedAgents = List.copyOf(failedAgents);
        errorMessages = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(errorMessages));
        blocks = List.copyOf(blocks);
    }
}
