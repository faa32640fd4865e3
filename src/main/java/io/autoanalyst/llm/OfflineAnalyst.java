package io.autoanalyst.llm;

import static io.autoanalyst.llm.PythonSource.str;
import static java.util.Objects.requireNonNull;

import io.autoanalyst.llm.DatasetSchema.ColumnKind;
import io.autoanalyst.llm.OfflineQuestion.ColumnMention;
import io.autoanalyst.llm.OfflineQuestion.Token;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The built-in analyst used when no language model is configured: it recognises a fixed set of analysis intents
 * in a question (by trigger words and synonyms, the dataset's real column names, category values and conditions
 * such as "more than 3 bedrooms") and writes real pandas / SciPy / statsmodels / scikit-learn / Plotly code for
 * them. The code prints its answer as a plain statement ({@code Number of rows where bedrooms > 3: 95}), so the
 * user, and tests, can check it.
 *
 * <p>A wrong number is worse than no number: a question with a part no rule reads (a word that is no column, a
 * number no rule took, a condition that cannot be read, a step such as "create a new column") gets an honest
 * answer that it needs a language model. The grammar is in {@code docs/offline-analyst.md}; keep the two in step.
 */
public class OfflineAnalyst {

    static final String LABEL = "**Offline analyst** (rule-based, no language model)";

    static final String CONFIGURE_A_MODEL = "For open-ended questions configure a language model: set "
            + "`OPENAI_API_KEY`, `ANTHROPIC_API_KEY`, `GEMINI_API_KEY` or `GROQ_API_KEY` on the server (or "
            + "`OPENAI_BASE_URL` for a local OpenAI-compatible server such as Ollama, vLLM or llama.cpp), or add "
            + "your own key in the model settings.";

    static final Set<String> MISSING = Set.of("missing", "null", "nan", "na", "empty", "blank", "incomplete",
            "not available", "none values", "nulls", "isnull", "isna");
    static final Set<String> REGRESSION = Set.of("regress", "regression", "regressed", "predict", "prediction",
            "predicting", "predictor", "model", "modelling", "modeling", "ols", "linear", "fit", "least squares");
    static final Set<String> EFFECT = Set.of("effect", "impact", "influence", "affect", "affects", "drive", "drives",
            "explain", "explains");
    static final Set<String> CORRELATION = Set.of("correlation", "correlate", "correlated", "corr", "relationship",
            "relation", "related", "relate", "association", "associated", "link", "linked", "pearson", "spearman",
            "kendall", "coefficient");
    static final Set<String> COMPARE = Set.of("compare", "comparison", "comparing", "differ", "difference",
            "different", "versus", "vs", "ttest", "t test", "significant", "significantly", "contrast", "anova",
            "statistically");
    static final Set<String> TREND = Set.of("trend", "timeline", "evolution", "evolve", "evolved", "seasonality",
            "monthly", "yearly", "weekly", "daily", "quarterly", "annually", "over time", "time series", "by month",
            "by year", "per month", "per year", "by date", "over the years", "by week", "per week", "by quarter",
            "per day", "by day", "resample", "resampled");
    static final Set<String> TOP_DESCENDING = Set.of("top", "highest", "largest", "biggest", "greatest",
            "expensive", "best", "maximum values", "most expensive");
    static final Set<String> TOP_ASCENDING = Set.of("bottom", "lowest", "smallest", "least", "cheapest", "worst");
    static final Set<String> MEAN = Set.of("average", "mean", "avg");
    static final Set<String> SUM = Set.of("sum", "total");
    static final Set<String> MEDIAN = Set.of("median");
    static final Set<String> MAX = Set.of("max", "maximum");
    static final Set<String> MIN = Set.of("min", "minimum");
    static final Set<String> STD = Set.of("std", "stdev", "standard deviation", "sd");
    static final Set<String> VARIANCE = Set.of("variance", "var");
    static final Set<String> PERCENTILE = Set.of("percentile", "quantile", "quartile");
    static final Set<String> COUNT = Set.of("count", "how many", "number of", "frequency of");
    static final Set<String> SHARE = Set.of("percentage", "percent", "proportion", "share", "fraction", "portion");
    static final Set<String> GROUP_MARKERS = Set.of("by", "per", "each", "across", "grouped", "group", "every",
            "within");
    static final Set<String> DISTRIBUTION = Set.of("distribution", "distributed", "histogram", "spread", "frequency",
            "frequencies", "shape", "skew", "skewness", "skewed", "boxplot", "box plot", "dispersion", "breakdown",
            "kurtosis", "normality", "normally", "normal", "shapiro");
    static final Set<String> SUMMARY = Set.of("summary", "summarize", "summarise", "statistics", "stats",
            "statistic", "descriptive", "std", "standard deviation", "quartile", "quartiles", "percentile");
    static final Set<String> DESCRIBE = Set.of("describe", "overview", "info", "head", "preview", "structure",
            "schema", "explore", "eda", "what columns", "which columns", "the dataset", "the data", "this dataset",
            "this data", "look like", "what is in", "first rows");
    static final Set<String> VALUE_COUNTS = Set.of("most common", "most frequent", "least common", "least frequent",
            "most popular", "least popular", "commonest", "mode", "value counts", "value count", "how often",
            "occurs most", "appears most", "rarest", "frequency of each", "how many of each", "count of each",
            "counts of each", "most often", "least often", "most occurring");
    static final Set<String> DISTINCT = Set.of("unique", "distinct", "different values", "different categories",
            "how many different", "number of different");
    static final Set<String> CROSSTAB = Set.of("crosstab", "cross tab", "cross tabulation", "crosstabulation",
            "contingency", "chi square", "chi squared", "chi2", "chisquare", "independence", "independent of");
    static final Set<String> OUTLIERS = Set.of("outlier", "outliers", "anomaly", "anomalies", "anomalous",
            "extreme values", "unusual values", "iqr", "interquartile", "z score", "zscore", "standard deviations from",
            "standard deviations away", "standard deviations above", "standard deviations below");
    static final Set<String> CLASSIFY = Set.of("classify", "classification", "classifier", "logistic",
            "random forest", "decision tree", "accuracy", "predict whether", "predict if", "binary", "categorize rows");
    static final Set<String> CLUSTER = Set.of("cluster", "clusters", "clustering", "kmeans", "k means", "segment",
            "segments", "segmentation");

    /** Steps none of the rules performs: a question asking for one is refused rather than half answered. */
    private static final Set<String> UNSUPPORTED_STEPS = wordSet("new column", "new feature", "new variable",
            "create a column", "add a column", "feature engineering", "derive", "derived", "engineer", "then",
            "afterwards", "after that", "followed by", "normalize", "normalise", "normalized", "normalised",
            "standardize", "standardise", "standardized", "standardised", "scale", "scaled", "scaling", "min max",
            "log", "logarithm", "logarithmic", "transform", "transformed", "transformation", "square root", "sqrt",
            "encode", "encoded", "encoding", "one hot", "dummy", "dummies", "impute", "imputed", "imputation", "fill",
            "filled", "fillna", "replace", "replaced", "convert", "converted", "bin", "bins", "binning", "bucket",
            "buckets", "categorize", "categorise", "discretize", "remove", "removed", "removing", "drop", "dropped",
            "dropping", "delete", "deleted", "clean", "cleaned", "cleaning", "deduplicate", "duplicate", "duplicates",
            "rolling", "moving average", "cumulative", "cumsum", "lag", "lagged", "shift", "shifted", "pct change",
            "percent change", "percentage change", "growth rate", "year over year", "merge", "join", "joined",
            "concat", "concatenate", "pivot", "bootstrap", "cross validation", "cross validate", "k fold", "kfold",
            "grid search", "hyperparameter", "tune", "tuning", "weighted", "divided", "divide", "multiplied",
            "multiply", "subtract", "subtracted", "minus", "ratio of", "ratio between", "confidence interval",
            "per capita", "sorted by", "sort by", "rank", "ranked", "ranking", "rename", "reshape", "melt", "sample",
            "resample to", "smote", "oversample", "undersample", "pca", "principal component", "svm", "xgboost",
            "neural", "lasso", "ridge", "polynomial", "interaction", "forecast", "forecasting", "arima");
    /** "standardized" is a step, except for clustering, where scaling the columns first is one of its options. */
    private static final Set<String> SCALING = Set.of("normalize", "normalise", "normalized", "normalised",
            "standardize", "standardise", "standardized", "standardised", "scale", "scaled", "scaling");

    /** Words any question may hold besides columns, values and trigger words: they change no answer. */
    private static final Set<String> PLAIN_WORDS = wordSet("a", "an", "the", "of", "in", "on", "at", "to", "for",
            "with", "by", "from", "into", "about", "as", "than", "and", "or", "but", "if", "when", "while", "whether",
            "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does", "did",
            "done", "can", "could", "would", "should", "will", "shall", "may", "might", "must", "what", "which",
            "whom", "how", "many", "much", "there", "here", "their", "its", "it", "this", "that", "these", "those",
            "they", "them", "we", "our", "us", "you", "your", "i", "me", "my", "please", "show", "tell", "give", "find",
            "calculate", "compute", "determine", "get", "list", "return", "display", "print", "report", "provide",
            "identify", "state", "let", "know", "want", "need", "see", "look", "check", "out", "value", "values",
            "column", "columns", "variable", "variables", "field", "fields", "attribute", "attributes", "feature",
            "features", "row", "rows", "record", "records", "entry", "entries", "observation", "observations",
            "data", "dataset", "datasets", "table", "file", "df", "dataframe", "frame", "number", "numbers", "count",
            "counts", "total", "amount", "each", "every", "per", "all", "any", "overall", "whole", "entire", "both",
            "also", "just", "exist", "exists", "contain", "contains", "containing", "include", "includes", "including",
            "appear", "appears", "occur", "occurs", "present", "recorded", "observed", "listed", "reported",
            "approximately", "roughly", "around", "nearly", "answer", "result", "results", "output", "round",
            "rounded", "decimal", "decimals", "place", "places", "digit", "digits", "precision", "format", "using",
            "use", "used", "via", "based", "respectively", "plot", "chart", "graph", "figure", "visual", "visualize",
            "visualise", "visualization", "visualisation", "heatmap", "bar", "make", "run", "perform", "conduct",
            "apply", "analysis", "analyze", "analyse", "analyzing", "s", "t", "don", "doesn", "didn", "isn", "aren",
            "wasn", "weren", "haven", "hasn", "won", "couldn", "shouldn", "wouldn", "method", "methods", "approach",
            "technique", "rule", "criterion", "criteria", "formula", "function", "module", "library", "package",
            "python", "pandas", "scipy", "numpy", "sklearn", "statsmodels", "builtin", "built", "appropriate",
            "default", "defaults", "parameter", "parameters", "setting", "settings", "called", "named", "question",
            "given", "specified", "mentioned", "following", "paid", "spent", "sold", "earned", "received", "charged",
            "collected", "generated", "times", "deviation", "deviations", "standard", "summary", "coefficient",
            "coefficients", "distinct", "unique", "frequent", "common", "often", "n", "k", "z", "p");
    /**
     * Words of analyses that relate columns ("the other columns", "a positive relationship", "the target"). A
     * question that only describes rows must not hold them: there "first class" or "the other group" would select
     * rows no rule reads.
     */
    private static final Set<String> ANALYSIS_WORDS = wordSet("other", "others", "rest", "remaining", "versus",
            "against", "scatter", "matrix", "build", "test", "tests", "testing", "level", "levels", "alpha",
            "hypothesis", "score", "scores", "size", "sizes", "group", "groups", "category", "categories", "class",
            "classes", "type", "types", "kind", "kinds", "same", "different", "difference", "differ", "between",
            "among", "time", "dates", "date", "period", "periods", "explain", "explained", "target", "predictors",
            "predictor", "independent", "dependent", "response", "outcome", "label", "labels", "train", "training",
            "split", "random", "state", "seed", "significant", "significance", "statistically", "statistical",
            "relationship", "affect", "vs", "v", "yes", "no", "expected", "typical", "strong", "strength", "strongest",
            "weakest", "positive", "negative", "direction", "direct", "inverse", "considering", "consider",
            "considered", "assuming", "assume", "assumed", "sample", "samples", "set", "some", "either", "specific",
            "mean", "more", "less", "most", "least", "above", "below", "under", "over", "made", "whose", "where",
            "without", "only", "who", "not", "non");
    private static final Set<String> RANGE_WORDS = Set.of("range");
    /** All a question asking for the number of rows may say besides a row noun. */
    private static final Set<String> ROW_COUNT_WORDS = Set.of("how", "many", "number", "of", "count", "total", "rows",
            "row", "records", "record", "entries", "entry", "observations", "observation", "are", "is", "there", "in",
            "the", "dataset", "data", "file", "table", "does", "do", "have", "has", "contain", "contains", "what", "were",
            "was",
            "altogether", "overall", "please", "tell", "me", "show", "give", "find", "we", "it", "this", "s", "column",
            "columns", "variables");

    /** Nouns for what a row stands for: "how many houses", "the average price of the passengers". */
    static final Set<String> ROW_NOUNS = wordSet("people", "person", "persons", "individual", "individuals",
            "passenger", "customer", "client", "user", "employee", "student", "patient", "house", "home", "property",
            "properties", "apartment", "car", "vehicle", "product", "item", "items", "order", "transaction", "listing",
            "participant", "respondent", "member", "account", "loan", "flight", "trip", "game", "match", "player",
            "team", "movie", "film", "song", "book", "country", "countries", "company", "companies", "city", "cities",
            "store", "shop", "sale", "deal", "case", "instance", "subject", "unit", "household",
            "entity", "entities", "point", "line", "lines");

    /** A set of words written as a list, where a word written twice is harmless. */
    private static Set<String> wordSet(String... words) {
        return Set.copyOf(List.of(words));
    }

    /** Answers {@code question} about the dataset described by {@code schema}. */
    public OfflineAnswer answer(String question, DatasetSchema schema) {
        requireNonNull(schema, "schema");
        if (question == null || question.isBlank()) {
            return notSupported("The question is empty.", schema.varName());
        }
        OfflineQuestion q = new OfflineQuestion(question, schema);
        if (!q.ambiguousNames().isEmpty()) {
            return notSupported("\"" + String.join("\", \"", q.ambiguousNames()) + "\" could name more than one "
                    + "column; write the exact column name in quotes.", schema.varName());
        }
        Optional<String> step = unsupportedStep(q);
        if (step.isPresent()) {
            return notSupported("The question asks for a step I cannot take (\"" + step.get() + "\"): I only run "
                    + "the analyses listed below on the data as it is.", schema.varName());
        }
        OfflineParameters parameters = OfflineParameters.read(q);
        OfflineConditions conditions = OfflineConditions.read(q);
        if (conditions.problem().isPresent()) {
            return notSupported(conditions.problem().get(), schema.varName());
        }
        OfflineRequest request = new OfflineRequest(q, schema, conditions, parameters);
        Intent intent = intent(request);
        if (intent.kind == OfflineIntent.FILTER_COUNT) {
            Optional<ColumnMention> counted = countedColumn(q);
            if (counted.isPresent()) {
                String name = counted.get().column().name();
                return notSupported("\"" + q.textOf(counted.get().position(), counted.get().end()) + "\" is a column: "
                        + "a count of rows needs what the rows must meet (\"how many rows have " + name + " above 3\"), "
                        + "and a statistic of " + name + " needs its name (\"average " + name + "\").", schema.varName());
            }
        }
        if (intent.describesRows) {
            conditions.addImplied(q, intent.kind == OfflineIntent.FILTER_COUNT);
            if (conditions.problem().isPresent()) {
                return notSupported(conditions.problem().get(), schema.varName());
            }
        }
        Optional<String> unread = unreadPart(request, intent);
        if (unread.isPresent()) {
            return notSupported(unread.get(), schema.varName());
        }
        return intent.writer.answer(request);
    }

    /** The answer when the dataset description cannot be read: nothing is attempted. */
    public OfflineAnswer cannotRead(String reason) {
        OfflineAnswer none = notSupported(reason, "df");
        return new OfflineAnswer(OfflineIntent.NOT_SUPPORTED, none.code(), LABEL + ": " + reason + " "
                + CONFIGURE_A_MODEL, List.of(), "df");
    }

    // ---- which intent ---------------------------------------------------------------------------------------

    @FunctionalInterface
    interface Writer {
        OfflineAnswer answer(OfflineRequest request);
    }

    /**
     * @param describesRows the analysis describes the rows (counts, statistics, rankings), so a category value or
     *                      a yes/no column named on its own selects rows ("average price of furnished houses")
     */
    private record Intent(OfflineIntent kind, boolean describesRows, Writer writer) {
        static Intent describing(OfflineIntent kind, Writer writer) {
            return new Intent(kind, true, writer);
        }

        static Intent relating(OfflineIntent kind, Writer writer) {
            return new Intent(kind, false, writer);
        }
    }

    private static Intent intent(OfflineRequest r) {
        OfflineQuestion q = r.q;
        long numericNamed = r.numeric().size();
        if (q.mentions(MISSING) && !q.mentions(Set.of("null hypothesis"))) {
            return Intent.describing(OfflineIntent.MISSING_VALUES, OfflineDescriptiveIntents::missingValues);
        }
        if (q.mentions(CLUSTER)) {
            return Intent.relating(OfflineIntent.CLUSTERING, OfflineModelIntents::clustering);
        }
        boolean modelWords = q.mentions(REGRESSION) || (q.mentions(EFFECT) && numericNamed >= 2);
        if (q.mentions(CLASSIFY) || (modelWords && targetIsCategory(r))) {
            return Intent.relating(OfflineIntent.CLASSIFICATION, OfflineModelIntents::classification);
        }
        if (modelWords) {
            return Intent.relating(OfflineIntent.LINEAR_REGRESSION, OfflineModelIntents::regression);
        }
        if (q.mentions(OUTLIERS)) {
            return Intent.describing(OfflineIntent.OUTLIERS, OfflineStatisticalIntents::outliers);
        }
        if (q.mentions(VALUE_COUNTS) || (q.mentions(DISTINCT) && !q.mentions(MEAN))) {
            return Intent.describing(OfflineIntent.VALUE_COUNTS, OfflineDescriptiveIntents::valueCounts);
        }
        boolean twoCategories = r.grouping().size() >= 2 && numericNamed == 0;
        if (q.mentions(CROSSTAB) || (twoCategories && (q.mentions(CORRELATION) || q.mentions(COMPARE)))
                || (twoCategories && q.mentions(COUNT) && q.mentions(GROUP_MARKERS))) {
            return Intent.relating(OfflineIntent.CROSSTAB, OfflineStatisticalIntents::crosstab);
        }
        if (q.mentions(CORRELATION)) {
            return Intent.relating(OfflineIntent.CORRELATION_PAIR, OfflineStatisticalIntents::correlation);
        }
        if (q.mentions(COMPARE) || (q.values().size() >= 2 && numericNamed > 0)) {
            return Intent.relating(OfflineIntent.COMPARE_GROUPS, OfflineStatisticalIntents::compare);
        }
        if (q.mentions(TREND)) {
            return Intent.describing(OfflineIntent.TREND, OfflineStatisticalIntents::trend);
        }
        Optional<Aggregation> aggregation = aggregation(q);
        boolean ranked = q.mentions(TOP_DESCENDING) || q.mentions(TOP_ASCENDING);
        boolean afterFor = groupColumn(r).filter(m -> q.wordAt(m.position() - 1, "for")
                || q.wordAt(m.position() - 2, "for")).isPresent();
        // "the top 10 houses by area" ranks rows; it groups nothing
        boolean rankedByNumber = ranked && groupColumn(r).filter(m -> m.column().kind() == ColumnKind.NUMERIC).isPresent();
        if (aggregation.isPresent() && groupColumn(r).isPresent() && !rankedByNumber
                && (q.mentions(GROUP_MARKERS) || (ranked && numericNamed > 0) || whichGroup(r) || afterFor)) {
            return Intent.describing(OfflineIntent.GROUP_AGGREGATE, OfflineDescriptiveIntents::groupAggregate);
        }
        if ((q.mentions(COUNT) || q.mentions(SHARE)) && aggregation.map(a -> a == Aggregation.COUNT).orElse(true)) {
            return Intent.describing(OfflineIntent.FILTER_COUNT, OfflineDescriptiveIntents::filterCount);
        }
        if (ranked) {
            return Intent.describing(OfflineIntent.TOP_N, OfflineDescriptiveIntents::topN);
        }
        if (q.mentions(DISTRIBUTION)) {
            return Intent.describing(OfflineIntent.DISTRIBUTION, OfflineStatisticalIntents::distribution);
        }
        if (q.mentions(SUMMARY) || aggregation.isPresent()) {
            return Intent.describing(OfflineIntent.SUMMARY_STATISTICS, OfflineDescriptiveIntents::summary);
        }
        if (q.mentions(DESCRIBE)) {
            return q.columns().isEmpty()
                    ? Intent.describing(OfflineIntent.DESCRIBE_DATASET, OfflineDescriptiveIntents::describe)
                    : Intent.describing(OfflineIntent.SUMMARY_STATISTICS, OfflineDescriptiveIntents::summary);
        }
        return new Intent(OfflineIntent.NOT_SUPPORTED, false, req -> req.notSupported(
                "I cannot answer this question offline: none of my rules matches it."));
    }

    /** "how many bedrooms ...": the thing counted is a column, so this is no count of rows. */
    private static Optional<ColumnMention> countedColumn(OfflineQuestion q) {
        for (String phrase : List.of("how many", "number of", "count of", "percentage of", "proportion of", "share of",
                "fraction of", "percent of")) {
            for (int[] at : q.occurrences(Set.of(phrase))) {
                int next = at[1];
                while (q.wordAt(next, "the") || q.wordAt(next, "all")) {
                    next++;
                }
                Optional<ColumnMention> column = q.columnAt(next);
                if (column.isPresent() && !q.isConsumed(next)) {
                    return column;
                }
            }
        }
        return Optional.empty();
    }

    /** "predict furnishingstatus from price": the first column after the verb is not numeric. */
    private static boolean targetIsCategory(OfflineRequest r) {
        return r.q.columns().stream().findFirst().map(m -> m.column().kind() != ColumnKind.NUMERIC).orElse(false)
                && !r.q.mentions(EFFECT);
    }

    /** "which furnishingstatus has the highest average price": a category column asked for by which / what. */
    private static boolean whichGroup(OfflineRequest r) {
        OptionalInt which = r.q.positionOf(Set.of("which", "what"));
        return which.isPresent() && r.q.groupingColumns().stream()
                .anyMatch(m -> m.position() > which.getAsInt() && m.position() <= which.getAsInt() + 2);
    }

    enum Aggregation {
        MEAN("mean", "Mean"), MEDIAN("median", "Median"), SUM("sum", "Sum"), MAX("max", "Maximum"),
        MIN("min", "Minimum"), STD("std", "Standard deviation"), VAR("var", "Variance"),
        QUANTILE("quantile", "Quantile"), RANGE("range", "Range"), COUNT("count", "Count");

        final String pandas;
        final String word;

        Aggregation(String pandas, String word) {
            this.pandas = pandas;
            this.word = word;
        }
    }

    /** Every statistic the question asks for, in a fixed order. */
    static List<Aggregation> aggregations(OfflineQuestion q) {
        Stream.Builder<Aggregation> found = Stream.builder();
        boolean countWords = q.mentions(Set.of("how many", "number of", "count", "total number"));
        if (q.mentions(MEAN)) found.add(Aggregation.MEAN);
        if (q.mentions(MEDIAN)) found.add(Aggregation.MEDIAN);
        if (q.mentions(SUM) && !q.mentions(Set.of("total number", "total count", "in total"))) found.add(Aggregation.SUM);
        if (q.mentions(MAX)) found.add(Aggregation.MAX);
        if (q.mentions(MIN)) found.add(Aggregation.MIN);
        if (q.mentions(STD)) found.add(Aggregation.STD);
        if (q.mentions(VARIANCE)) found.add(Aggregation.VAR);
        if (q.mentions(PERCENTILE) || q.mentions(Set.of("first quartile", "third quartile", "q1", "q3"))) {
            found.add(Aggregation.QUANTILE);
        }
        if (q.mentions(RANGE_WORDS)) found.add(Aggregation.RANGE);
        List<Aggregation> list = found.build().toList();
        if (list.isEmpty() && countWords) {
            return List.of(Aggregation.COUNT);
        }
        return list;
    }

    static Optional<Aggregation> aggregation(OfflineQuestion q) {
        return aggregations(q).stream().findFirst();
    }

    /** The column right after "by"/"per"/"each"... (or "for", as in "average fare for Pclass"), else the first category column named. */
    static Optional<ColumnMention> groupColumn(OfflineRequest r) {
        Optional<ColumnMention> afterFor = r.q.columns().stream()
                .filter(m -> r.q.wordAt(m.position() - 1, "for") || (r.q.wordAt(m.position() - 1, "the")
                        && r.q.wordAt(m.position() - 2, "for")))
                .findFirst();
        if (afterFor.isPresent()) {
            return afterFor;
        }
        OptionalInt marker = r.q.positionOf(GROUP_MARKERS);
        if (marker.isPresent()) {
            Optional<ColumnMention> after = r.q.columns().stream()
                    .filter(m -> m.position() > marker.getAsInt())
                    .findFirst();
            if (after.isPresent()) {
                return after;
            }
        }
        return r.q.groupingColumns().stream().findFirst();
    }

    // ---- what the question asks beyond the rules ----------------------------------------------------------

    private static Optional<String> unsupportedStep(OfflineQuestion q) {
        boolean clustering = q.mentions(CLUSTER);
        for (String step : UNSUPPORTED_STEPS) {
            if (clustering && SCALING.contains(step)) {
                continue;
            }
            if (q.mentions(Set.of(step))) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }

    /** A part of the question no rule read: a number, a quoted name, a filtering word, an unknown word. */
    private static Optional<String> unreadPart(OfflineRequest r, Intent intent) {
        OfflineQuestion q = r.q;
        if (intent.kind == OfflineIntent.NOT_SUPPORTED) {
            return Optional.empty();
        }
        if (!r.conditions.isEmpty() && Set.of(OfflineIntent.LINEAR_REGRESSION, OfflineIntent.CLASSIFICATION,
                OfflineIntent.CLUSTERING).contains(intent.kind)) {
            return Optional.of("A model fitted to some rows only, or a prediction for given values (\""
                    + r.conditions.describe() + "\"), is beyond the offline analyst.");
        }
        Optional<String> unused = unusedParameter(r.parameters, intent.kind);
        if (unused.isPresent()) {
            return unused;
        }
        OptionalInt per = q.positionOf(Set.of("per"));
        if (per.isPresent() && aggregation(q).isEmpty()) {
            boolean numericAround = q.columns(ColumnKind.NUMERIC).stream().anyMatch(m -> m.end() == per.getAsInt())
                    && q.columns(ColumnKind.NUMERIC).stream().anyMatch(m -> m.position() == per.getAsInt() + 1);
            if (numericAround) {
                return Optional.of("\"" + q.textOf(per.getAsInt() - 1, per.getAsInt() + 2) + "\" reads as a ratio of two "
                        + "columns, which the offline analyst does not compute.");
            }
        }
        if (intent.kind == OfflineIntent.SUMMARY_STATISTICS && !aggregations(q).isEmpty() && !q.mentions(SUMMARY)) {
            Optional<ColumnMention> other = q.columns().stream().filter(m -> m.column().kind() != ColumnKind.NUMERIC)
                    .findFirst();
            if (other.isPresent()) {
                return Optional.of("I could not tell what \"" + q.textOf(other.get().position(), other.get().end())
                        + "\" does in this question: is it a condition on the rows, or a column to group by?");
            }
        }
        List<Token> numbers = q.unreadNumbers();
        if (!numbers.isEmpty()) {
            return Optional.of("I could not tell what the number " + numbers.getFirst().text() + " in the question "
                    + "refers to.");
        }
        for (OfflineQuestion.Quoted quoted : q.quoted()) {
            boolean read = true;
            for (int i = quoted.first(); i < quoted.end() && read; i++) {
                int at = i;
                read = q.isConsumed(i) || q.isColumnToken(i)
                        || q.values().stream().anyMatch(v -> v.position() <= at && at < v.end());
            }
            if (!read) {
                return Optional.of("\"" + quoted.text() + "\" is neither a column of the dataset nor a value I know.");
            }
        }
        if (!Set.of(OfflineIntent.COMPARE_GROUPS, OfflineIntent.CROSSTAB, OfflineIntent.CLASSIFICATION).contains(intent.kind)) {
            Optional<OfflineQuestion.ValueMention> value = q.values().stream()
                    .filter(v -> !Set.of("yes", "no", "true", "false").contains(v.value().strip().toLowerCase(java.util.Locale.ROOT)))
                    .findFirst();
            if (value.isPresent()) {
                return Optional.of("I could not tell which rows \"" + q.textOf(value.get().position(), value.get().end())
                        + "\" (a value of " + value.get().column().name() + ") should select; name the column, e.g. \""
                        + value.get().column().name() + " is " + value.get().value() + "\".");
            }
        }
        Optional<String> filterWord = r.conditions.unreadFilterWord(q);
        if (filterWord.isPresent()) {
            return Optional.of("I could not read which rows \"" + filterWord.get() + "\" selects.");
        }
        Set<String> known = new HashSet<>(PLAIN_WORDS);
        List<Set<String>> triggerSets = intent.describesRows
                ? List.of(MISSING, TREND, TOP_DESCENDING, TOP_ASCENDING, MEAN, SUM, MEDIAN, MAX, MIN, STD, VARIANCE,
                        PERCENTILE, COUNT, SHARE, GROUP_MARKERS, DISTRIBUTION, SUMMARY, DESCRIBE, VALUE_COUNTS, DISTINCT,
                        OUTLIERS, RANGE_WORDS)
                : List.of(ANALYSIS_WORDS, MISSING, REGRESSION, EFFECT, CORRELATION, COMPARE, TREND, TOP_DESCENDING,
                        TOP_ASCENDING, MEAN, SUM, MEDIAN, MAX, MIN, STD, VARIANCE, PERCENTILE, COUNT, SHARE,
                        GROUP_MARKERS, DISTRIBUTION, SUMMARY, DESCRIBE, VALUE_COUNTS, DISTINCT, CROSSTAB, OUTLIERS,
                        CLASSIFY, CLUSTER, SCALING, RANGE_WORDS);
        for (Set<String> triggers : triggerSets) {
            triggers.forEach(t -> known.addAll(List.of(t.split(" "))));
        }
        for (int i = 0; i < q.tokens().size(); i++) {
            Token t = q.token(i);
            int at = i;
            if (t.kind() != OfflineQuestion.Kind.WORD || q.isConsumed(i) || q.isColumnToken(i)
                    || q.values().stream().anyMatch(v -> v.position() <= at && at < v.end())
                    || known.contains(t.text()) || known.contains(t.singular())
                    || OfflineQuestion.NUMBER_WORDS.containsKey(t.text()) || ordinalWord(t.text())) {
                continue;
            }
            if (ROW_NOUNS.contains(t.text()) || ROW_NOUNS.contains(t.singular())) {
                continue;
            }
            return Optional.of("I do not know what \"" + t.text() + "\" refers to in this dataset: it is not one of "
                    + "its columns or of the values I know.");
        }
        if (intent.kind == OfflineIntent.FILTER_COUNT && r.conditions.isEmpty()) {
            // "how many rows are there": with no condition, anything more than that is a condition no rule read
            for (int i = 0; i < q.tokens().size(); i++) {
                Token t = q.token(i);
                if (t.kind() == OfflineQuestion.Kind.WORD && !ROW_COUNT_WORDS.contains(t.text())
                        && !ROW_NOUNS.contains(t.singular()) && !ROW_NOUNS.contains(t.text())) {
                    return Optional.of("I could not read which rows to count (\"" + t.text() + "\"): I understand "
                            + "conditions on the dataset's columns, such as \"more than 3 bedrooms\" or \"furnished\".");
                }
            }
        }
        return Optional.empty();
    }

    /** A parameter the chosen analysis would ignore ("a test size" for a regression fitted on all rows). */
    private static Optional<String> unusedParameter(OfflineParameters p, OfflineIntent intent) {
        if (p.testShare() != null && intent != OfflineIntent.CLASSIFICATION) {
            return Optional.of("A train / test split is only part of the classifier here; this analysis uses every row.");
        }
        if (p.clusters() != null && intent != OfflineIntent.CLUSTERING) {
            return Optional.of("A number of clusters only goes with a clustering.");
        }
        if ((p.zScore() != null || p.iqrFactor() != null) && intent != OfflineIntent.OUTLIERS) {
            return Optional.of("A z-score or IQR threshold only goes with outliers, which this question does not ask for.");
        }
        if (p.quantile() != null && intent != OfflineIntent.SUMMARY_STATISTICS && intent != OfflineIntent.GROUP_AGGREGATE) {
            return Optional.of("A percentile is a statistic of a column or of groups; I could not tell of which here.");
        }
        if (p.count() != null && !Set.of(OfflineIntent.TOP_N, OfflineIntent.VALUE_COUNTS, OfflineIntent.GROUP_AGGREGATE)
                .contains(intent)) {
            return Optional.of("I could not tell what the count of " + p.count() + " rows or values is for here.");
        }
        return Optional.empty();
    }

    private static boolean ordinalWord(String w) {
        return Set.of("first", "second", "third", "fourth", "last").contains(w);
    }

    // ---- answers -------------------------------------------------------------------------------------------

    static OfflineAnswer notSupported(String reason, String varName) {
        String summary = LABEL + ": " + reason + " Without a language model I answer questions like these about "
                + "the dataset's own columns: describe the dataset; missing values per column; summary statistics "
                + "(\"average price\", \"90th percentile of area\"); how many rows meet conditions (\"how many houses "
                + "have more than 3 bedrooms\"); the most common values of a column; a column's distribution; "
                + "correlations; an aggregate per group (\"average price by furnishingstatus\"); the top or bottom "
                + "rows (\"top 5 rows by price\"); a trend over a date column; outliers; a crosstab of two category "
                + "columns; comparing a column across groups with a t-test or ANOVA; a linear regression (\"regress "
                + "price on area and bedrooms\"); a classifier or k-means clusters when asked. " + CONFIGURE_A_MODEL;
        String code = "# Offline analyst (rule-based, no LLM): no rule matches this question.\n"
                + "print(" + str("The offline analyst cannot answer this question; configure a language model "
                + "(e.g. OPENAI_API_KEY) for open-ended analysis.") + ")\n";
        return new OfflineAnswer(OfflineIntent.NOT_SUPPORTED, code, summary, List.of(), varName);
    }

    static OfflineAnswer answer(OfflineIntent intent, String code, String what, List<String> columns, String varName) {
        String summary = LABEL + ": " + what + " Run the code to see the numbers; it prints them and draws a chart "
                + "where one helps.\n\n" + CONFIGURE_A_MODEL.replace("For open-ended questions", "For questions "
                + "beyond these built-in analyses");
        return new OfflineAnswer(intent, code, summary, columns.stream().distinct().collect(Collectors.toList()), varName);
    }
}
