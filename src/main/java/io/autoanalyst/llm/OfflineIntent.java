package io.autoanalyst.llm;

/** What the offline analyst recognised in a question. The grammar is documented in docs/offline-analyst.md. */
public enum OfflineIntent {
    DESCRIBE_DATASET,
    MISSING_VALUES,
    SUMMARY_STATISTICS,
    DISTRIBUTION,
    CORRELATION_MATRIX,
    CORRELATION_PAIR,
    GROUP_AGGREGATE,
    TOP_N,
    TREND,
    LINEAR_REGRESSION,
    COMPARE_GROUPS,
    /** No rule matched, or the dataset lacks what the question needs: an honest "needs a language model". */
    NOT_SUPPORTED
}
