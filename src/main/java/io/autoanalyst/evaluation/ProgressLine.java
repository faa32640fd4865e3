package io.autoanalyst.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * One progress line of a run (an NDJSON line on the route, a printed line on the command line):
 * {@code started}, one {@code question} line per scored question, then {@code finished}, {@code failed}, or
 * {@code stopped} when the application shuts down (the run resumes when started again).
 *
 * @param done          questions of the run scored so far, earlier attempts of a resumed run included
 * @param accuracySoFar by-question accuracy over the questions scored so far
 * @param reportUrl     where the finished report can be fetched
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProgressLine(Kind event, long runId, String model, Integer done, Integer total, Integer questionId, String level,
                          String verdict, Integer subCorrect, Integer subTotal, Double accuracySoFar, Long elapsedMs,
                          String message, Accuracy accuracy, String reportUrl) {

    public enum Kind {
        STARTED, QUESTION, FINISHED, FAILED, STOPPED;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static ProgressLine started(long runId, String model, int total, int alreadyScored, boolean resumed) {
        String message = resumed ? "Resuming run " + runId + ": " + alreadyScored + " of " + total + " questions already scored"
                : "Run " + runId + ": " + total + " questions";
        return new ProgressLine(Kind.STARTED, runId, model, alreadyScored, total, null, null, null, null, null, null, null,
                message, null, null);
    }

    public static ProgressLine question(long runId, int done, int total, QuestionResult r, double accuracySoFar) {
        return new ProgressLine(Kind.QUESTION, runId, null, done, total, r.questionId(), r.level(), r.verdict().id(), r.subCorrect(),
                r.subTotal(), accuracySoFar, r.elapsedMs(), r.error(), null, null);
    }

    public static ProgressLine finished(long runId, String model, Accuracy accuracy, long wallMs, String reportUrl) {
        return new ProgressLine(Kind.FINISHED, runId, model, accuracy.questions(), accuracy.questions(), null, null, null, null, null,
                accuracy.byQuestion(), wallMs, null, accuracy, reportUrl);
    }

    public static ProgressLine stopped(long runId) {
        return new ProgressLine(Kind.STOPPED, runId, null, null, null, null, null, null, null, null, null, null,
                "Run " + runId + " stops with the application; the questions scored so far are kept, and starting the same run "
                        + "again (or resuming run " + runId + ") continues it", null, null);
    }

    public static ProgressLine failed(long runId, String message) {
        return new ProgressLine(Kind.FAILED, runId, null, null, null, null, null, null, null, null, null, null, message, null, null);
    }
}
