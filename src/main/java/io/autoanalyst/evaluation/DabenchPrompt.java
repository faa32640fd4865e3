package io.autoanalyst.evaluation;

/**
 * The chat question for a DABench question: the question, its constraints and its answer format, as the
 * benchmark's own agents receive them, plus one sentence on where the answers must appear. The answers are
 * read from what the code prints, so the model is asked to print them.
 */
public final class DabenchPrompt {

    private DabenchPrompt() {
    }

    public static String of(BenchmarkQuestion q) {
        StringBuilder prompt = new StringBuilder(q.question().strip());
        if (!q.constraints().isBlank()) prompt.append("\n\nConstraints: ").append(q.constraints().strip());
        if (!q.format().isBlank()) prompt.append("\n\nAnswer format: ").append(q.format().strip());
        prompt.append("\n\nThe data is the dataset `df` (from ").append(q.fileName()).append("). Print every final answer ")
                .append("from your code in exactly the answer format, one per line, e.g. print(f\"@name[{value}]\").");
        return prompt.toString();
    }
}
