package io.autoanalyst.llm;

import io.autoanalyst.llm.OfflineQuestion.NumberAt;
import io.autoanalyst.llm.OfflineQuestion.Token;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.Set;

/**
 * Numbers a question gives for the analysis, read before conditions so that "top 5" or "3 clusters" is not taken
 * for a threshold. Null where the question gives none.
 *
 * @param count       the N of "top N", "5 most common", "ten cheapest"
 * @param clusters    "3 clusters", "k = 4"
 * @param testShare   the share of rows held out for testing ("test size 0.3", "70/30 split", "25% test")
 * @param randomState "random state 7", "seed 7"
 * @param zScore      "more than 2 standard deviations", "z-score above 3"
 * @param iqrFactor   "3 times the IQR"
 * @param quantile    "90th percentile" (0.9), "third quartile" (0.75)
 * @param alpha       "significance level 0.01", "alpha = 0.1"
 */
record OfflineParameters(Integer count, Integer clusters, BigDecimal testShare, Integer randomState, BigDecimal zScore,
                         BigDecimal iqrFactor, BigDecimal quantile, BigDecimal alpha) {

    private static final Set<String> RANK_WORDS = Set.of("top", "bottom", "first", "last", "highest", "largest",
            "biggest", "greatest", "most", "least", "lowest", "smallest", "cheapest", "best", "worst", "expensive");

    /** Reads the parameters and marks their words as read. */
    static OfflineParameters read(OfflineQuestion q) {
        Integer count = null;
        Integer clusters = null;
        BigDecimal testShare = null;
        Integer randomState = null;
        BigDecimal zScore = null;
        BigDecimal iqrFactor = null;
        BigDecimal quantile = null;
        BigDecimal alpha = null;
        for (int i = 0; i < q.tokens().size(); i++) {
            if (q.isConsumed(i)) {
                continue;
            }
            Token t = q.token(i);
            if (t.ordinal()) {
                // "90th percentile"
                if (q.wordAt(i + 1, "percentile") || q.wordAt(i + 1, "quantile")) {
                    quantile = t.number().movePointLeft(2);
                    q.consume(i, i + 2);
                }
                continue;
            }
            Optional<NumberAt> number = q.numberAt(i);
            if (number.isEmpty()) {
                // "test size 0.3", "random state 7", "alpha 0.01", "k = 4", "significance level of 0.05"
                if (t.isWord("size") && q.wordAt(i - 1, "test")) {
                    Optional<NumberAt> n = numberAfter(q, i + 1);
                    if (n.isPresent()) {
                        testShare = share(n.get());
                        consume(q, i - 1, n.get());
                    }
                } else if ((t.isWord("state") && q.wordAt(i - 1, "random")) || t.isWord("seed")) {
                    Optional<NumberAt> n = numberAfter(q, i + 1);
                    if (n.isPresent() && whole(n.get()).isPresent()) {
                        randomState = whole(n.get()).get();
                        consume(q, t.isWord("seed") ? i : i - 1, n.get());
                    }
                } else if (t.isWord("alpha") || (t.isWord("level") && q.wordAt(i - 1, "significance"))) {
                    Optional<NumberAt> n = numberAfter(q, i + 1);
                    if (n.isPresent()) {
                        alpha = share(n.get());
                        consume(q, t.isWord("level") ? i - 1 : i, n.get());
                    }
                } else if (t.isWord("k") || (t.isWord("clusters") && q.wordAt(i - 1, "n"))) {
                    Optional<NumberAt> n = numberAfter(q, i + 1);
                    if (n.isPresent() && whole(n.get()).isPresent()) {
                        clusters = whole(n.get()).get();
                        consume(q, t.isWord("k") ? i : i - 1, n.get());
                    }
                } else if (t.isWord("quartile") && (q.wordAt(i - 1, "first") || q.wordAt(i - 1, "third")
                        || q.wordAt(i - 1, "lower") || q.wordAt(i - 1, "upper"))) {
                    quantile = q.wordAt(i - 1, "first") || q.wordAt(i - 1, "lower") ? new BigDecimal("0.25")
                            : new BigDecimal("0.75");
                    q.consume(i - 1, i + 1);
                } else if (t.isWord("q1") || t.isWord("q3")) {
                    quantile = t.isWord("q1") ? new BigDecimal("0.25") : new BigDecimal("0.75");
                    q.consume(i, i + 1);
                } else if (t.isWord("quantile") || t.isWord("percentile")) {
                    Optional<NumberAt> n = numberAfter(q, i + 1);
                    if (n.isPresent() && t.isWord("quantile") && n.get().value().compareTo(BigDecimal.ONE) <= 0) {
                        quantile = n.get().value();
                        consume(q, i, n.get());
                    } else if (n.isPresent() && t.isWord("percentile")) {
                        quantile = share(n.get());
                        consume(q, i, n.get());
                    }
                }
                continue;
            }
            NumberAt n = number.get();
            Token next = q.token(n.end());
            String nextWord = next == null || next.kind() != OfflineQuestion.Kind.WORD ? "" : next.text();
            if (nextWord.equals("percentile")) {
                quantile = share(n);
                q.consume(i, n.end() + 1);
            } else if (Set.of("cluster", "clusters", "segments", "segment").contains(nextWord)
                    && whole(n).isPresent()) {
                clusters = whole(n).get();
                q.consume(i, n.end() + 1);
            } else if ((nextWord.equals("standard") || nextWord.equals("sd") || nextWord.equals("std")
                    || nextWord.equals("sigma"))) {
                zScore = n.value();
                // "more than 2 standard deviations above the mean": the comparison and the reference go with it
                int from = i;
                while (from > 0 && Set.of("more", "than", "over", "above", "beyond", "greater", "at", "least", ">", ">=")
                        .contains(q.token(from - 1).text())) {
                    from--;
                }
                int to = n.end() + (nextWord.equals("standard") ? 2 : 1);
                int k = to;
                while (k < q.tokens().size() && Set.of("from", "above", "below", "away", "the", "mean", "average")
                        .contains(q.token(k).text())) {
                    k++;
                }
                q.consume(from, q.wordAt(k - 1, "mean") || q.wordAt(k - 1, "average") ? k : to);
            } else if ((nextWord.equals("iqr") || (nextWord.equals("times") && q.wordAt(n.end() + 1, "iqr"))
                    || (nextWord.equals("times") && q.wordAt(n.end() + 1, "the") && q.wordAt(n.end() + 2, "iqr")))) {
                iqrFactor = n.value();
                q.consume(i, n.end() + 1);
            } else if ((q.wordAt(i - 1, "score") || q.wordAt(i - 1, "zscore")
                    || (q.token(i - 1) != null && Set.of(">", ">=").contains(q.token(i - 1).text())
                    && (q.wordAt(i - 2, "score") || q.wordAt(i - 2, "zscore"))))) {
                zScore = n.value();
                q.consume(i, n.end());
            } else if (Set.of("test", "testing").contains(nextWord) || (q.wordAt(n.end(), "for")
                    && (q.wordAt(n.end() + 1, "test") || q.wordAt(n.end() + 1, "testing")))) {
                testShare = share(n);
                q.consume(i, n.end());
            } else if (isSplit(q, n)) {
                NumberAt second = q.numberAt(n.end()).orElseThrow();
                testShare = second.value().movePointLeft(2);
                q.consume(i, second.end());
            } else if (whole(n).isPresent() && rankedCount(q, i, n)) {
                count = whole(n).get();
                // "first 5": the rank word goes with its number
                boolean rankWordBefore = q.token(i - 1) != null && Set.of("top", "bottom", "first", "last")
                        .contains(q.token(i - 1).text());
                q.consume(rankWordBefore ? i - 1 : i, n.end());
            }
        }
        return new OfflineParameters(count, clusters, testShare, randomState, zScore, iqrFactor, quantile, alpha);
    }

    /** "top 5", "5 most common", "the ten cheapest", "5 houses with the highest price". */
    private static boolean rankedCount(OfflineQuestion q, int i, NumberAt n) {
        int value = whole(n).orElse(0);
        if (value < 1 || value > 1000 || n.percent()) {
            return false;
        }
        Token before = q.token(i - 1);
        Token after = q.token(n.end());
        boolean rankBefore = before != null && RANK_WORDS.contains(before.text()) && !before.text().equals("most")
                && !before.text().equals("least");
        boolean rankAfter = after != null && RANK_WORDS.contains(after.text());
        boolean rowsAfter = after != null && !q.isColumnToken(n.end()) && (OfflineAnalyst.ROW_NOUNS.contains(after.singular())
                || Set.of("row", "record", "entry", "observation", "value", "category").contains(after.singular()))
                && (q.mentions(OfflineAnalyst.TOP_DESCENDING) || q.mentions(OfflineAnalyst.TOP_ASCENDING) || q.mentions(OfflineAnalyst.VALUE_COUNTS));
        return rankBefore || rankAfter || rowsAfter;
    }

    /** "80/20 split", "70-30 train test split": two whole percentages adding up to 100. */
    private static boolean isSplit(OfflineQuestion q, NumberAt first) {
        Optional<NumberAt> second = q.numberAt(first.end());
        if (second.isEmpty()) {
            return false;
        }
        boolean hundred = first.value().add(second.get().value().abs()).compareTo(BigDecimal.valueOf(100)) == 0;
        String between = q.text().substring(q.token(first.position()).end(), q.token(second.get().position()).start());
        return hundred && between.matches("\\s*[/:-]\\s*") && q.mentions(Set.of("split", "train", "training", "test"));
    }

    private static Optional<NumberAt> numberAfter(OfflineQuestion q, int at) {
        int k = at;
        while (k < at + 3 && k < q.tokens().size()
                && (Set.of("=", "of", "is").contains(q.token(k).text()) || q.wordAt(k, "equal") || q.wordAt(k, "to"))) {
            k++;
        }
        return q.numberAt(k);
    }

    private static void consume(OfflineQuestion q, int from, NumberAt n) {
        q.consume(from, n.end());
    }

    /** A share as a fraction: "30%" and "30" are 0.3, "0.3" stays. */
    private static BigDecimal share(NumberAt n) {
        BigDecimal v = n.value();
        return n.percent() || v.compareTo(BigDecimal.ONE) > 0 ? v.divide(BigDecimal.valueOf(100), 6, RoundingMode.HALF_UP)
                .stripTrailingZeros() : v;
    }

    private static Optional<Integer> whole(NumberAt n) {
        try {
            return n.percent() ? Optional.empty() : Optional.of(n.value().intValueExact());
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }
}
