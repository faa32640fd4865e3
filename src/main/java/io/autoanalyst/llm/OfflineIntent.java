package io.autoanalyst.llm;

/**
 * What the offline analyst recognised in a question. The grammar is documented in docs/offline-analyst.md.
 * Each intent names the default agent whose job it is, which the offline analyst's plan picks.
 */
public enum OfflineIntent {
    DESCRIBE_DATASET(Agent.PREPROCESSING),
    MISSING_VALUES(Agent.PREPROCESSING),
    SUMMARY_STATISTICS(Agent.STATISTICS),
    DISTRIBUTION(Agent.VISUALISATION),
    CORRELATION_MATRIX(Agent.VISUALISATION),
    CORRELATION_PAIR(Agent.STATISTICS),
    GROUP_AGGREGATE(Agent.PREPROCESSING),
    TOP_N(Agent.PREPROCESSING),
    TREND(Agent.VISUALISATION),
    LINEAR_REGRESSION(Agent.STATISTICS),
    COMPARE_GROUPS(Agent.STATISTICS),
    /** Rows that meet conditions, counted ("how many houses have more than 3 bedrooms"). */
    FILTER_COUNT(Agent.PREPROCESSING),
    /** How often each value of a column occurs, the most common first; or how many distinct values it has. */
    VALUE_COUNTS(Agent.PREPROCESSING),
    /** Counts of two category columns against each other, with a chi-square test of independence. */
    CROSSTAB(Agent.STATISTICS),
    /** Rows outside the 1.5 × IQR fences (or beyond a z-score) of numeric columns. */
    OUTLIERS(Agent.STATISTICS),
    /** A classifier (logistic regression or random forest) of a category column, with its test accuracy. */
    CLASSIFICATION(Agent.MACHINE_LEARNING),
    /** K-means clusters of the numeric columns. */
    CLUSTERING(Agent.MACHINE_LEARNING),
    /** No rule matched, or the dataset lacks what the question needs: an honest "needs a language model". */
    NOT_SUPPORTED(Agent.PREPROCESSING);

    private final Agent agent;

    OfflineIntent(Agent agent) {
        this.agent = agent;
    }

    /** The default agent (template name without the planner_ prefix) whose job this is. */
    public String agentName() {
        return agent.templateName;
    }

    private enum Agent {
        PREPROCESSING("preprocessing_agent"),
        STATISTICS("statistical_analytics_agent"),
        VISUALISATION("data_viz_agent"),
        MACHINE_LEARNING("sk_learn_agent");

        private final String templateName;

        Agent(String templateName) {
            this.templateName = templateName;
        }
    }
}
