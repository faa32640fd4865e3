package io.autoanalyst.llm;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The offline analyst's answer: Python code that computes the result (printing its key numbers) and a
 * markdown summary that says it came from the offline analyst.
 *
 * @param columns         the dataset columns the code uses
 * @param datasetVariable the variable the code reads the dataset from
 */
public record OfflineAnswer(OfflineIntent intent, String code, String summary, List<String> columns,
                            String datasetVariable) {
    public OfflineAnswer {
        requireNonNull(intent, "intent");
        requireNonNull(code, "code");
        requireNonNull(summary, "summary");
        columns = List.copyOf(columns);
        requireNonNull(datasetVariable, "datasetVariable");
    }
}
