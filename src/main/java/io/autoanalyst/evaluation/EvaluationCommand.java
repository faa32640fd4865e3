package io.autoanalyst.evaluation;

import io.autoanalyst.AutoAnalystApplication;
import io.autoanalyst.web.ApiException;
import io.autoanalyst.llm.LlmException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./analyst eval dabench ...}: the evaluation in this process, with the server's whole application
 * context (database, kernels, models, the chat path) but no HTTP port, so it runs next to a running server
 * on the same data folder. Prints a line per scored question, then the score tables and where the report is.
 */
public final class EvaluationCommand {

    /**
     * Kernels of this process run under their own user ids, away from a server's default range: a running
     * server holds its range, and two processes on one range would kill each other's kernels.
     */
    static final String DEFAULT_UID_BASE = "2000100000";
    private static final int BAR_WIDTH = 20;

    private EvaluationCommand() {
    }

    public static boolean handles(String[] args) {
        return args.length > 0 && args[0].equals("eval");
    }

    /** @return the process exit code: 0 finished, 1 the run failed, 2 the command was wrong */
    public static int run(String[] args) {
        PrintStream out = System.out;
        EvaluationArgs parsed;
        try {
            parsed = EvaluationArgs.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("eval: " + e.getMessage());
            System.err.print(EvaluationArgs.USAGE);
            return 2;
        }
        if (parsed.help()) {
            out.print(EvaluationArgs.USAGE);
            return 0;
        }
        List<String> springArgs = new ArrayList<>();
        if (!"true".equalsIgnoreCase(System.getenv("DEBUG"))) {
            // the progress lines are the output; the server's log lines would bury them
            springArgs.add("--logging.level.root=WARN");
            springArgs.add("--logging.level.io.autoanalyst=WARN");
            // a warm kernel still starting when the run ends is stopped, which is expected here
            springArgs.add("--logging.level.io.autoanalyst.runtime.KernelPool=ERROR");
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AutoAnalystApplication.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of("autoanalyst.kernel.uid-base", DEFAULT_UID_BASE))
                .run(springArgs.toArray(String[]::new))) {
            EvaluationService evaluations = context.getBean(EvaluationService.class);
            EvaluationService.Started started;
            try {
                started = evaluations.start(parsed.request(), line -> print(out, line));
            } catch (ApiException | LlmException e) {
                System.err.println("eval: " + e.getMessage());
                return 2;
            }
            out.println("Interrupt with Ctrl+C at any time: the same command (or --resume " + started.runId()
                    + ") continues where it stopped.");
            try {
                EvaluationReport report = started.report().join();
                out.println();
                out.print(ReportWriter.scoreTables(report));
                out.println();
                out.println("Report: " + report.run().reportDir() + "/" + ReportWriter.MARKDOWN_FILE + " (and "
                        + ReportWriter.JSON_FILE + ")");
                return 0;
            } catch (CompletionException e) {
                if (e.getCause() instanceof EvaluationStopped) return 130;
                System.err.println("eval: the run failed: " + e.getCause().getMessage());
                return 1;
            }
        }
    }

    static void print(PrintStream out, ProgressLine line) {
        switch (line.event()) {
            case STARTED -> out.println(line.message() + " · model " + line.model());
            case QUESTION -> out.println(questionLine(line));
            case FINISHED -> out.println("Finished in " + ReportWriter.duration(line.elapsedMs()));
            case FAILED, STOPPED -> out.println(line.message());
        }
        out.flush();
    }

    static String questionLine(ProgressLine line) {
        int filled = line.total() == 0 ? BAR_WIDTH : line.done() * BAR_WIDTH / line.total();
        String bar = "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled);
        String text = String.format(Locale.ROOT, "[%s] %3d/%-3d question %-4d %-6s %-7s %d/%d  accuracy so far %s  %s", bar,
                line.done(), line.total(), line.questionId(), line.level(), line.verdict(), line.subCorrect(), line.subTotal(),
                ReportWriter.percent(line.accuracySoFar()), ReportWriter.duration(line.elapsedMs()));
        if (line.message() != null) text += "\n      " + firstLine(line.message());
        return text;
    }

    private static String firstLine(String message) {
        String first = message.lines().findFirst().orElse("");
        return first.length() > 160 ? first.substring(0, 160) + "..." : first;
    }
}
