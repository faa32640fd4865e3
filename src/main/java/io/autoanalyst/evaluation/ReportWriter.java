package io.autoanalyst.evaluation;

import io.autoanalyst.db.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a finished run's report under the data folder, {@code evaluations/run-<id>/}: {@code report.json}
 * (everything, for tools) and {@code report.md} (the score tables, then every question with its code,
 * output, answers and verdict, for people).
 */
@Component
public class ReportWriter {

    public static final String JSON_FILE = "report.json";
    public static final String MARKDOWN_FILE = "report.md";
    /** Code and output shown per question in the Markdown report; the JSON report has all that was stored. */
    private static final int MARKDOWN_TEXT_CAP = 4000;

    private final Path root;
    private final JsonMapper json;

    public ReportWriter(DatabaseSettings database, JsonMapper json) {
        this.root = database.dataDir().toAbsolutePath().normalize().resolve("evaluations");
        this.json = json;
    }

    /** Where a run's report files go. */
    public Path folderOf(long runId) {
        return root.resolve("run-" + runId);
    }

    /** @return the folder the report files are in */
    public Path write(EvaluationReport report) {
        Path dir = folderOf(report.run().runId());
        try {
            Files.createDirectories(dir);
            writeAtomically(dir.resolve(JSON_FILE), json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
            writeAtomically(dir.resolve(MARKDOWN_FILE), markdown(report));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the evaluation report to " + dir, e);
        }
        return dir;
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The score tables: what the command line prints at the end and the Markdown report starts with. */
    public static String scoreTables(EvaluationReport report) {
        EvaluationRun run = report.run();
        Accuracy all = report.scores().overall();
        StringBuilder md = new StringBuilder();
        md.append("DABench run ").append(run.runId()).append(" · model `").append(run.model()).append("` · ")
                .append(all.questions()).append(" of ").append(run.questionIds().size()).append(" questions scored · ")
                .append(run.concurrency()).append(" at a time\n\n");
        md.append("| metric | score |\n|---|---|\n");
        md.append("| accuracy by question | ").append(percent(all.byQuestion())).append(" (").append(all.correctQuestions()).append('/')
                .append(all.questions()).append(") |\n");
        md.append("| proportional accuracy by sub-question | ").append(percent(all.proportional())).append(" |\n");
        md.append("| accuracy by sub-question | ").append(percent(all.bySubQuestion())).append(" (").append(all.correctSubQuestions())
                .append('/').append(all.subQuestions()).append(") |\n");
        md.append("| tokens (prompt + completion) | ").append(report.promptTokens()).append(" + ").append(report.completionTokens())
                .append(" |\n");
        md.append("| cost | $").append(String.format(Locale.ROOT, "%.4f", report.cost())).append(" |\n");
        md.append("| wall time | ").append(duration(report.wallMs())).append(" |\n\n");
        md.append(groupTable("level", report.scores().byLevel())).append('\n');
        md.append(groupTable("concept", report.scores().byConcept()));
        return md.toString();
    }

    static String markdown(EvaluationReport report) {
        StringBuilder md = new StringBuilder("# DABench evaluation, run ").append(report.run().runId()).append("\n\n");
        md.append(scoreTables(report)).append('\n');
        md.append("Verdicts: `correct` every sub-answer right; `partial` some; `wrong` none (missing answers included); ")
                .append("`failed` the question could not be asked (the reason is shown). Each counts in every denominator.\n\n");
        md.append("## Questions\n");
        for (QuestionResult r : report.results()) {
            md.append("\n### Question ").append(r.questionId()).append(": ").append(r.verdict().id()).append(" (")
                    .append(r.subCorrect()).append('/').append(r.subTotal()).append(")\n\n");
            md.append(r.level()).append(" · ").append(String.join(", ", r.concepts())).append(" · ").append(r.elapsedMs() / 1000.0)
                    .append(" s · ").append(r.promptTokens() + r.completionTokens()).append(" tokens\n\n");
            md.append("> ").append(r.question().strip().replace("\n", "\n> ")).append("\n\n");
            md.append("| answer | expected | given | |\n|---|---|---|---|\n");
            for (SubAnswerVerdict s : r.subAnswers()) {
                md.append("| ").append(cell(s.name())).append(" | ").append(cell(s.expected())).append(" | ")
                        .append(s.given() == null ? "(none)" : cell(s.given())).append(" | ").append(s.correct() ? "right" : "wrong")
                        .append(" |\n");
            }
            if (r.error() != null) md.append("\n**Error**: ").append(clip(r.error())).append('\n');
            if (r.code() != null && !r.code().isBlank()) md.append('\n').append(fenced("python", clip(r.code())));
            if (r.output() != null && !r.output().isBlank()) md.append("\nOutput:\n\n").append(fenced("text", clip(r.output())));
        }
        return md.toString();
    }

    private static String groupTable(String what, Map<String, Accuracy> groups) {
        StringBuilder md = new StringBuilder("| ").append(what)
                .append(" | questions | by question | proportional | by sub-question |\n|---|---|---|---|---|\n");
        groups.forEach((name, a) -> md.append("| ").append(cell(name)).append(" | ").append(a.questions()).append(" | ")
                .append(percent(a.byQuestion())).append(" | ").append(percent(a.proportional())).append(" | ")
                .append(percent(a.bySubQuestion())).append(" |\n"));
        return md.toString();
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    static String duration(long ms) {
        Duration d = Duration.ofMillis(ms);
        if (d.toHours() > 0) return String.format(Locale.ROOT, "%dh %02dm %02ds", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
        if (d.toMinutes() > 0) return String.format(Locale.ROOT, "%dm %02ds", d.toMinutes(), d.toSecondsPart());
        return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** A fence longer than any backtick run inside, so code that contains fences stays one block. */
    private static String fenced(String language, String text) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + language + '\n' + text + '\n' + fence + '\n';
    }

    private static String clip(String t) {
        return t.length() <= MARKDOWN_TEXT_CAP ? t : t.substring(0, MARKDOWN_TEXT_CAP) + "\n[... " + (t.length() - MARKDOWN_TEXT_CAP)
                + " more characters in report.json]";
    }

}
