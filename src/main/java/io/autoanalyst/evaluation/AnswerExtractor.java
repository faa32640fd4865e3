package io.autoanalyst.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {@code @name[value]} answers of a chat turn. The pattern is DABench's own
 * ({@code @(\w+)\[(.*?)\]}: a word name, the value up to the first closing bracket), so an answer the
 * benchmark's script would read is read the same way here.
 *
 * <p>A turn has two places with answers: the output of the code that ran, and the agents' summaries.
 * The summaries are written together with the code, before it runs, so a number there is the model's
 * guess; the output is what the code computed. For every name the output mentions, its occurrences are
 * the answers; the summaries only fill in names the output lacks. Code inside the summaries' markdown
 * fences is ignored: {@code print(f"@mean[{m:.2f}]")} is a template, not an answer.
 */
public final class AnswerExtractor {

    private static final Pattern ANSWER = Pattern.compile("@(\\w+)\\[(.*?)\\]");
    private static final Pattern FENCED_CODE = Pattern.compile("```.*?(```|\\z)", Pattern.DOTALL);

    private AnswerExtractor() {
    }

    /** Every {@code @name[value]} in the text, in order, duplicates kept. */
    public static List<NamedAnswer> extract(String text) {
        List<NamedAnswer> found = new ArrayList<>();
        if (text == null) return found;
        Matcher m = ANSWER.matcher(text);
        while (m.find()) found.add(new NamedAnswer(m.group(1), m.group(2)));
        return found;
    }

    /** The answers of a turn: the code output's, then the summaries' for names the output does not have. */
    public static List<NamedAnswer> fromTurn(String output, String summaryMarkdown) {
        List<NamedAnswer> answers = extract(output);
        Set<String> inOutput = new LinkedHashSet<>();
        answers.forEach(a -> inOutput.add(a.name()));
        for (NamedAnswer a : extract(withoutCode(summaryMarkdown))) {
            if (!inOutput.contains(a.name())) answers.add(a);
        }
        return answers;
    }

    static String withoutCode(String markdown) {
        return markdown == null ? "" : FENCED_CODE.matcher(markdown).replaceAll("");
    }
}
