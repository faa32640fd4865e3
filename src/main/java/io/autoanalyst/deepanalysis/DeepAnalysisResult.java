package io.autoanalyst.deepanalysis;

import java.util.List;

/**
 * The result object of a run, in the original's shape (section 4.2) plus what the original lacked: the questions
 * as a list, the figures per question, and the notes of parts that failed.
 *
 * @param plotlyFigs one list of Plotly figure JSON strings per question (the original sent one list holding all)
 * @param synthesis  one Markdown section per question
 * @param notes      what went wrong in parts of the run that still produced a report
 */
public record DeepAnalysisResult(String goal, String deepQuestions, List<String> questions, String deepPlan,
                                 List<String> summaries, String code, List<List<String>> plotlyFigs, List<String> synthesis,
                                 String finalConclusion, List<String> printedOutputs, List<String> notes) {

    public DeepAnalysisResult {
        questions = List.copyOf(questions);
        summaries = List.copyOf(summaries);
        plotlyFigs = plotlyFigs.stream().map(List::copyOf).toList();
        synthesis = List.copyOf(synthesis);
        printedOutputs = List.copyOf(printedOutputs);
        notes = List.copyOf(notes);
        code = code == null ? "" : code;
        finalConclusion = finalConclusion == null ? "" : finalConclusion;
        deepQuestions = deepQuestions == null ? "" : deepQuestions;
        deepPlan = deepPlan == null ? "" : deepPlan;
    }

    static DeepAnalysisResult empty(String goal) {
        return new DeepAnalysisResult(goal, "", List.of(), "", List.of(), "", List.of(), List.of(), "", List.of(), List.of());
    }
}
