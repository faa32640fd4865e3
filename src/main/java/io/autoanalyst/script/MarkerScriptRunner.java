package io.autoanalyst.script;

import static java.util.Objects.requireNonNull;

import io.autoanalyst.runtime.KernelCapacityExceeded;
import io.autoanalyst.runtime.KernelOutput;
import io.autoanalyst.runtime.KernelUnavailable;
import io.autoanalyst.runtime.MimeBundle;
import io.autoanalyst.runtime.QueueListener;
import io.autoanalyst.runtime.RunOptions;
import io.autoanalyst.runtime.RunResult;
import io.autoanalyst.runtime.SessionKernels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The original {@code /code/execute} semantics on top of session kernels: split the script on
 * agent markers, run each block in order in the session's namespace (a failing block does not
 * stop the next), and assemble the response pieces the original frontend reads.
 *
 * <p>Deliberate differences from the original: figures of successful blocks are kept when
 * another block fails, failing code outside markers makes the script unsuccessful, a bare
 * {@code print()} works, and stderr (warnings) stays out of {@code output}.
 */
public final class MarkerScriptRunner {

    private static final Pattern CELL_LINE = Pattern.compile("File \"<cell-\\d+>\", line (\\d+)");
    private static final int CONTEXT_LINES = 2;
    private static final int TRACEBACK_TAIL = 3;

    private final SessionKernels kernels;

    public MarkerScriptRunner(SessionKernels kernels) {
        this.kernels = requireNonNull(kernels, "kernels");
    }

    /**
     * Runs a marker-delimited script in the session's kernel.
     *
     * @throws KernelCapacityExceeded when the session has no kernel and none comes free in time
     * @throws KernelUnavailable      when kernels cannot be started here
     */
    public ScriptResult execute(String sessionKey, String script) {
        return execute(sessionKey, script, QueueListener.NONE);
    }

    /** As {@link #execute(String, String)}, telling {@code queue} the script's place while it waits for a kernel. */
    public ScriptResult execute(String sessionKey, String script, QueueListener queue) {
        requireNonNull(sessionKey, "sessionKey");
        MarkedScript parsed = MarkedScript.parse(requireNonNull(script, "script"));
        StringBuilder output = new StringBuilder();
        List<String> plotly = new ArrayList<>();
        List<String> matplotlib = new ArrayList<>();
        List<String> failedAgents = new ArrayList<>();
        Map<String, String> errors = new LinkedHashMap<>();
        List<ScriptResult.BlockRun> runs = new ArrayList<>();
        boolean successful = true;

        for (MarkedScript.Block block : parsed.blocks()) {
            // print(df) shows a table, as scripts written for the original executor expect.
            RunResult result = kernels.run(sessionKey, block.code(), new RunOptions(true, null, queue));
            runs.add(new ScriptResult.BlockRun(block, result));
            String header = block.label().toUpperCase(Locale.ROOT);
            // The original printed each block's output without its final newline, then one "\n".
            String text = blockText(result, plotly, matplotlib).replaceAll("\n+$", "");
            if (result.success()) {
                output.append("\n\n=== OUTPUT FROM ").append(header).append(" ===\n").append(text).append('\n');
                continue;
            }
            successful = false;
            if (block.agent() != null) failedAgents.add(block.agent());
            String excerpt = errorExcerpt(block, result);
            errors.put(block.label(), excerpt);
            output.append("\n\n=== ERROR IN ").append(header).append(" ===\n");
            if (!text.isEmpty()) output.append(text).append('\n');
            output.append(excerpt).append('\n');
        }
        return new ScriptResult(output.toString(), plotly, matplotlib, successful, failedAgents, errors, runs);
    }

    /** A block's stdout and tables as text; its figures go to the figure lists. */
    private static String blockText(RunResult result, List<String> plotly, List<String> matplotlib) {
        StringBuilder text = new StringBuilder();
        for (KernelOutput output : result.outputs()) {
            switch (output) {
                case KernelOutput.Stream stream when stream.name().equals("stdout") -> text.append(stream.text());
                case KernelOutput.Stream ignored -> { }
                case KernelOutput.DisplayData display -> appendRich(display.data(), text, plotly, matplotlib);
                case KernelOutput.ExecuteResult value -> appendRich(value.data(), text, plotly, matplotlib);
                case KernelOutput.Error ignored -> { }
            }
        }
        return text.toString();
    }

    private static void appendRich(MimeBundle data, StringBuilder text, List<String> plotly, List<String> matplotlib) {
        if (data.has(MimeBundle.PLOTLY)) {
            plotly.add("```plotly\n" + data.json(MimeBundle.PLOTLY).orElseThrow() + "\n```\n");
        } else if (data.has(MimeBundle.PNG)) {
            matplotlib.add("```matplotlib\n" + data.text(MimeBundle.PNG).orElseThrow() + "\n```");
        } else if (data.has(MimeBundle.TABLE)) {
            startLine(text);
            text.append("<TABLE_START>\n").append(PipeTable.format(data.json(MimeBundle.TABLE).orElseThrow()))
                    .append("<TABLE_END>\n");
        } else {
            data.text(MimeBundle.PLAIN).ifPresent(plain -> {
                startLine(text);
                text.append(plain).append('\n');
            });
        }
    }

    private static void startLine(StringBuilder text) {
        if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') text.append('\n');
    }

    /**
     * "Error in agent: Name: message", the failing line of the block with two lines around it,
     * and the last lines of the traceback: enough for a person or a fix-it model to act on.
     */
    static String errorExcerpt(MarkedScript.Block block, RunResult result) {
        KernelOutput.Error error = result.error().orElse(new KernelOutput.Error("Error", "the run failed", List.of()));
        StringBuilder excerpt = new StringBuilder("Error in ").append(block.label()).append(": ")
                .append(error.ename()).append(": ").append(error.evalue()).append('\n');
        int line = failingLine(error, result.executionCount());
        String[] code = block.code().split("\n", -1);
        if (line >= 1 && line <= code.length) {
            excerpt.append("Problem at this location:\n");
            for (int i = Math.max(1, line - CONTEXT_LINES); i <= Math.min(code.length, line + CONTEXT_LINES); i++) {
                String source = code[i - 1];
                excerpt.append(i == line ? ">>> " + i + ": " + source + " <<<" : "    " + i + ": " + source).append('\n');
            }
        }
        List<String> traceback = error.traceback().stream().flatMap(String::lines).toList();
        if (!traceback.isEmpty()) {
            excerpt.append("Full error details:\n");
            traceback.subList(Math.max(0, traceback.size() - TRACEBACK_TAIL), traceback.size())
                    .forEach(l -> excerpt.append(l).append('\n'));
        }
        return excerpt.toString().stripTrailing();
    }

    /** The deepest line of the user's cell named in the traceback, or -1. */
    private static int failingLine(KernelOutput.Error error, int cell) {
        // Frames of functions defined in earlier blocks name their own cells; only this block's count.
        Pattern thisCell = cell > 0 ? Pattern.compile("File \"<cell-" + cell + ">\", line (\\d+)") : CELL_LINE;
        int line = -1;
        for (String entry : error.traceback()) {
            Matcher matcher = thisCell.matcher(entry);
            while (matcher.find()) line = Integer.parseInt(matcher.group(1));
        }
        if (line < 0 && "SyntaxError".equals(error.ename())) {
            Matcher matcher = Pattern.compile("line (\\d+)").matcher(error.evalue());
            if (matcher.find()) line = Integer.parseInt(matcher.group(1));
        }
        return line;
    }
}
