package io.autoanalyst.llm;

import static io.autoanalyst.llm.PythonSource.str;

import io.autoanalyst.llm.DatasetSchema.Column;
import io.autoanalyst.llm.DatasetSchema.ColumnKind;
import io.autoanalyst.llm.OfflineQuestion.ColumnMention;
import io.autoanalyst.llm.OfflineQuestion.NumberAt;
import io.autoanalyst.llm.OfflineQuestion.Token;
import io.autoanalyst.llm.OfflineQuestion.ValueMention;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The conditions on rows a question states: "more than 3 bedrooms", "price between 2 and 5 million",
 * "furnishingstatus is furnished", "furnished houses", "houses with a basement". Conditions are joined by "and";
 * what reads like a condition but cannot be read (a threshold with no column, conditions joined by "or", a
 * percentage threshold) is a {@link #problem()}, so the analyst refuses instead of answering a different question.
 */
final class OfflineConditions {

    enum Op {
        GT(">"), GE(">="), LT("<"), LE("<="), EQ("=="), NE("!="), BETWEEN("between"),
        /** The column's value is the one named (compared ignoring case and punctuation, checked when it runs). */
        IS("is"),
        IS_NOT("is not"),
        /** A yes/no column says yes ("houses with a basement"); any other column cannot answer. */
        HAS("has"),
        HAS_NOT("has no");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }
    }

    /** One condition on rows: numbers for numeric comparisons, the value as the question wrote it for IS. */
    record Condition(Column column, Op op, List<BigDecimal> numbers, String value) {
        String describe() {
            return switch (op) {
                case BETWEEN -> column.name() + " between " + plain(numbers.get(0)) + " and " + plain(numbers.get(1))
                        + " (inclusive)";
                case IS -> column.name() + " is " + value;
                case IS_NOT -> column.name() + " is not " + value;
                case HAS -> column.name() + " is yes";
                case HAS_NOT -> column.name() + " is no";
                default -> column.name() + " " + op.symbol + " " + plain(numbers.getFirst());
            };
        }

        /** The Python expression of the rows that meet it, reading the frame {@code DF}. */
        void writeMask(OfflineCode code) {
            String col = str(column.name());
            switch (op) {
                case IS -> code.uses(OfflineCode.Helper.VALUE_MASK).line("mask &= _value_mask(DF, %s, %s)", col, str(value));
                case IS_NOT -> code.uses(OfflineCode.Helper.VALUE_MASK)
                        .line("mask &= DF[%s].notna() & ~_value_mask(DF, %s, %s)", col, col, str(value));
                case HAS -> code.uses(OfflineCode.Helper.FLAG_MASK).line("mask &= _flag_mask(DF, %s)", col);
                case HAS_NOT -> code.uses(OfflineCode.Helper.FLAG_MASK).line("mask &= _flag_mask(DF, %s, present=False)", col);
                case BETWEEN -> code.line("mask &= pd.to_numeric(DF[%s], errors='coerce').astype(float).between(%s, %s)",
                        col, plain(numbers.get(0)), plain(numbers.get(1)));
                case NE -> code.line("mask &= pd.to_numeric(DF[%s], errors='coerce').astype(float).notna() & "
                        + "(pd.to_numeric(DF[%s], errors='coerce').astype(float) != %s)", col, col, plain(numbers.getFirst()));
                default -> code.line("mask &= pd.to_numeric(DF[%s], errors='coerce').astype(float) " + op.symbol + " %s",
                        col, plain(numbers.getFirst()));
            }
        }
    }

    private record Phrase(List<String> words, Op op) {
        static Phrase of(String words, Op op) {
            return new Phrase(List.of(words.split(" ")), op);
        }
    }

    /** Comparisons written before a number, longest first so that "greater than or equal to" beats "greater than". */
    private static final List<Phrase> BEFORE_NUMBER = sorted(List.of(
            Phrase.of("greater than or equal to", Op.GE), Phrase.of("more than or equal to", Op.GE),
            Phrase.of("larger than or equal to", Op.GE), Phrase.of("higher than or equal to", Op.GE),
            Phrase.of("greater than or equals", Op.GE), Phrase.of("at least", Op.GE), Phrase.of("no less than", Op.GE),
            Phrase.of("not less than", Op.GE), Phrase.of("no fewer than", Op.GE), Phrase.of("not fewer than", Op.GE),
            Phrase.of(">=", Op.GE),
            Phrase.of("less than or equal to", Op.LE), Phrase.of("lower than or equal to", Op.LE),
            Phrase.of("smaller than or equal to", Op.LE), Phrase.of("fewer than or equal to", Op.LE),
            Phrase.of("less than or equals", Op.LE), Phrase.of("at most", Op.LE), Phrase.of("no more than", Op.LE),
            Phrase.of("not more than", Op.LE), Phrase.of("up to", Op.LE), Phrase.of("<=", Op.LE),
            Phrase.of("more than", Op.GT), Phrase.of("greater than", Op.GT), Phrase.of("higher than", Op.GT),
            Phrase.of("larger than", Op.GT), Phrase.of("bigger than", Op.GT), Phrase.of("over", Op.GT),
            Phrase.of("above", Op.GT), Phrase.of("exceeding", Op.GT), Phrase.of("exceeds", Op.GT),
            Phrase.of("exceed", Op.GT), Phrase.of("in excess of", Op.GT), Phrase.of(">", Op.GT),
            Phrase.of("less than", Op.LT), Phrase.of("fewer than", Op.LT), Phrase.of("lower than", Op.LT),
            Phrase.of("smaller than", Op.LT), Phrase.of("under", Op.LT), Phrase.of("below", Op.LT), Phrase.of("<", Op.LT),
            Phrase.of("not equal to", Op.NE), Phrase.of("other than", Op.NE), Phrase.of("different from", Op.NE),
            Phrase.of("!=", Op.NE),
            Phrase.of("equal to", Op.EQ), Phrase.of("equals", Op.EQ), Phrase.of("exactly", Op.EQ), Phrase.of("=", Op.EQ),
            Phrase.of("==", Op.EQ)));
    /** After a column and before its number only: "price is 5000", "bedrooms of 3". */
    private static final List<Phrase> IS_NUMBER = List.of(Phrase.of("is", Op.EQ), Phrase.of("are", Op.EQ),
            Phrase.of("was", Op.EQ), Phrase.of("were", Op.EQ), Phrase.of("of", Op.EQ));
    /** Written after the number: "3 or more bedrooms", "3 bedrooms or fewer". */
    private static final List<Phrase> AFTER_NUMBER = List.of(
            Phrase.of("or more", Op.GE), Phrase.of("or greater", Op.GE), Phrase.of("or higher", Op.GE),
            Phrase.of("or above", Op.GE), Phrase.of("or over", Op.GE), Phrase.of("and above", Op.GE),
            Phrase.of("and over", Op.GE), Phrase.of("and up", Op.GE), Phrase.of("or less", Op.LE),
            Phrase.of("or fewer", Op.LE), Phrase.of("or lower", Op.LE), Phrase.of("or below", Op.LE),
            Phrase.of("or under", Op.LE), Phrase.of("and below", Op.LE), Phrase.of("and under", Op.LE));
    /** Between a category column and the value it must have. */
    private static final List<Phrase> BEFORE_VALUE = sorted(List.of(
            Phrase.of("is not", Op.IS_NOT), Phrase.of("are not", Op.IS_NOT), Phrase.of("isn t", Op.IS_NOT),
            Phrase.of("aren t", Op.IS_NOT), Phrase.of("was not", Op.IS_NOT), Phrase.of("not equal to", Op.IS_NOT),
            Phrase.of("is not equal to", Op.IS_NOT), Phrase.of("other than", Op.IS_NOT), Phrase.of("!=", Op.IS_NOT),
            Phrase.of("is equal to", Op.IS), Phrase.of("equal to", Op.IS), Phrase.of("equals", Op.IS),
            Phrase.of("is", Op.IS), Phrase.of("was", Op.IS), Phrase.of("=", Op.IS), Phrase.of("==", Op.IS)));
    /** Words that cannot begin a value written out ("regions is there", "status is the most common"). */
    private static final Set<String> NOT_VALUES = Set.of("there", "here", "the", "a", "an", "any", "all", "some",
            "more", "less", "most", "least", "not", "many", "much", "how", "what", "which", "missing", "null", "empty",
            "above", "below", "over", "under", "greater", "higher", "lower", "larger", "smaller", "at", "between",
            "equal", "same", "different", "it", "this", "that", "one", "of");
    /** Words that may stand between a column and its comparison: "a price that is above 5000". */
    private static final Set<String> FILLERS = Set.of("is", "are", "was", "were", "of", "a", "an", "the", "that",
            "which", "value", "values", "being", "has", "have", "had", "level", "amount", "number", "count", "total");
    /** "with 3 bedrooms": a number right before a column, after one of these words, is an equality. */
    private static final Set<String> HAVING = Set.of("with", "have", "has", "having", "had", "contain", "contains",
            "containing", "featuring", "of");
    /** Where a value written out in words ends. */
    private static final Set<String> VALUE_ENDS = Set.of("and", "or", "with", "where", "that", "who", "which", "whose",
            "in", "for", "by", "per", "than", "from", "but", "while", "having", "have", "has", "are", "is", "was",
            "were", "when", "among", "across", "to", "on", "at", "grouped", "sorted", "ordered", "rows", "records");
    /** Category values that are everyday words name their column only right after it ("mainroad yes"). */
    private static final Set<String> EVERYDAY_VALUES = Set.of("yes", "no", "true", "false", "y", "n", "t", "f",
            "none", "other", "others", "all", "any", "unknown", "na", "nan", "null", "total", "mean", "average", "count",
            "sum", "max", "min", "median", "high", "low", "top", "one", "two", "three", "first", "last");
    private static final Set<String> NEGATIONS = Set.of("not", "no", "without", "non", "never", "t");
    /** Words that may stand between a yes/no column and what introduces it: "who did not", "with a", "that were". */
    private static final Set<String> LEADING_FLAG = Set.of("a", "an", "any", "the", "some", "were", "are", "was", "is",
            "did", "do", "does", "have", "has", "had", "been", "not", "no", "t", "don", "doesn", "didn", "never");
    /** What introduces a yes/no column the rows must have: "with a basement", "who survived". */
    private static final Set<String> INTRODUCE_FLAG = Set.of("with", "have", "has", "having", "had", "without", "who",
            "that", "which");
    private static final Set<String> FILTER_WORDS = Set.of("where", "whose", "among", "excluding", "except", "only",
            "exclude", "excluded", "without", "who");

    private final List<Condition> conditions = new ArrayList<>();
    private final List<int[]> spans = new ArrayList<>();
    private String problem;

    private OfflineConditions() {
    }

    /** The conditions the question states in so many words (a column with a comparison or a value). */
    static OfflineConditions read(OfflineQuestion q) {
        OfflineConditions found = new OfflineConditions();
        for (int i = 0; i < q.tokens().size() && found.problem == null; i++) {
            if (!q.isConsumed(i)) {
                found.readAt(q, i);
            }
        }
        found.checkLeftovers(q);
        return found;
    }

    List<Condition> conditions() {
        return conditions;
    }

    boolean isEmpty() {
        return conditions.isEmpty();
    }

    /** What made the question's conditions unreadable, if anything. */
    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    String describe() {
        return conditions.stream().map(Condition::describe).collect(Collectors.joining(" and "));
    }

    /**
     * Adds the conditions a question implies where the analysis only describes rows (counts, statistics, rankings):
     * a category value named on its own ("furnished houses"), or a yes/no column the rows have ("with a basement").
     * Not for analyses whose values name the groups being compared.
     *
     * @param anyColumnIsAFlag in a row count, a column named without a comparison is a yes/no flag too ("how many
     *                         passengers survived"); elsewhere only after with / have / has
     */
    void addImplied(OfflineQuestion q, boolean anyColumnIsAFlag) {
        Map<Integer, List<ValueMention>> byPosition = new LinkedHashMap<>();
        for (ValueMention v : q.values()) {
            byPosition.computeIfAbsent(v.position(), p -> new ArrayList<>()).add(v);
        }
        for (List<ValueMention> at : byPosition.values()) {
            if (problem != null) {
                return;
            }
            ValueMention first = at.getFirst();
            // the value's column written next to it: "mainroad yes", "region of North", "the North region"
            Optional<ColumnMention> named = q.allColumns().stream()
                    .filter(m -> !q.isConsumed(m.position()))
                    .filter(m -> m.end() == first.position() || m.position() == first.end() || (m.end() + 1 == first.position()
                            && (q.wordAt(m.end(), "is") || q.wordAt(m.end(), "of") || q.wordAt(m.end(), "="))))
                    .filter(m -> at.stream().anyMatch(v -> v.column().equals(m.column())))
                    .findFirst();
            List<ValueMention> ofNamed = named.map(m -> at.stream().filter(v -> v.column().equals(m.column())).toList())
                    .orElse(List.of());
            ValueMention chosen;
            int from = first.position();
            int to = first.end();
            if (!ofNamed.isEmpty()) {
                chosen = ofNamed.getFirst();
                from = Math.min(from, named.get().position());
                to = Math.max(to, named.get().end());
            } else if (EVERYDAY_VALUES.contains(first.value().strip().toLowerCase(java.util.Locale.ROOT))
                    || first.value().strip().length() < 3) {
                // "no" or "yes" alone is a word of the sentence more often than a value: leave it unread
                continue;
            } else if (at.size() > 1) {
                problem = "'" + q.textOf(first.position(), first.end()) + "' is a value of several columns ("
                        + at.stream().map(v -> v.column().name()).collect(Collectors.joining(", ")) + "); name the column.";
                return;
            } else {
                chosen = first;
            }
            boolean negated = negatedBefore(q, from);
            add(q, new Condition(chosen.column(), negated ? Op.IS_NOT : Op.IS, List.of(), chosen.value()),
                    negated ? negationStart(q, from) : from, to);
        }
        for (ColumnMention m : q.columns()) {
            if (problem != null) {
                return;
            }
            // "with a basement", "who survived", "that were not returned", "and airconditioning" after another flag
            int lead = skipBack(q, m.position() - 1, LEADING_FLAG);
            // "which region has ..." asks for a column; "which have a basement" introduces one
            boolean relative = q.wordAt(lead, "which") || q.wordAt(lead, "that");
            // "houses on the main road", "in the preferred area": a place only for a column of yes / no values
            boolean place = lead >= 0 && Set.of("on", "in", "near", "along", "at").contains(q.token(lead).text())
                    && looksLikeFlag(m.column());
            boolean introduced = lead >= 0 && !q.isConsumed(lead) && (place || (INTRODUCE_FLAG.contains(q.token(lead).text())
                    && !(relative && lead == m.position() - 1))
                    || (q.wordAt(lead, "and") && q.isConsumed(lead - 1) && flagBefore(lead - 1)));
            if (introduced || anyColumnIsAFlag) {
                int from = introduced ? lead : lead + 1;
                boolean negated = false;
                for (int k = from; k < m.position(); k++) {
                    negated |= q.token(k).kind() == OfflineQuestion.Kind.WORD && NEGATIONS.contains(q.token(k).text());
                }
                add(q, new Condition(m.column(), negated ? Op.HAS_NOT : Op.HAS, List.of(), null), from, m.end());
            }
        }
        checkLeftovers(q);
    }

    // ---- explicit conditions ----------------------------------------------------------------------------

    private void readAt(OfflineQuestion q, int i) {
        Optional<ColumnMention> column = q.columnAt(i);
        if (column.isPresent()) {
            if (column.get().column().kind() == ColumnKind.NUMERIC) {
                numberAfterColumn(q, column.get());
            } else {
                valueAfterColumn(q, column.get());
            }
            return;
        }
        // "between 3 and 5 bedrooms"
        if (q.wordAt(i, "between")) {
            Optional<NumberAt[]> range = range(q, i + 1);
            if (range.isPresent()) {
                Optional<ColumnMention> after = numericColumnAt(q, range.get()[1].end());
                after.ifPresent(c -> add(q, between(c.column(), range.get()), i, c.end()));
            }
            return;
        }
        // "more than 3 bedrooms"
        Optional<Phrase> op = phraseAt(q, i, BEFORE_NUMBER);
        if (op.isPresent()) {
            Optional<NumberAt> number = q.numberAt(i + op.get().words().size());
            Optional<ColumnMention> after = number.flatMap(n -> numericColumnAt(q, n.end()));
            if (after.isPresent()) {
                add(q, compare(after.get().column(), op.get().op(), number.get()), i, after.get().end());
            }
            return;
        }
        Optional<NumberAt> number = q.numberAt(i);
        if (number.isEmpty()) {
            return;
        }
        // "3 or more bedrooms"
        Optional<Phrase> after = phraseAt(q, number.get().end(), AFTER_NUMBER);
        if (after.isPresent()) {
            int columnAt = number.get().end() + after.get().words().size();
            numericColumnAt(q, columnAt).ifPresent(c -> add(q, compare(c.column(), after.get().op(), number.get()), i, c.end()));
            return;
        }
        Optional<ColumnMention> next = numericColumnAt(q, number.get().end());
        if (next.isPresent()) {
            // "3 bedrooms or more"
            Optional<Phrase> trailing = phraseAt(q, next.get().end(), AFTER_NUMBER);
            if (trailing.isPresent()) {
                add(q, compare(next.get().column(), trailing.get().op(), number.get()), i,
                        next.get().end() + trailing.get().words().size());
            } else if (i > 0 && q.token(i - 1).kind() == OfflineQuestion.Kind.WORD
                    && (HAVING.contains(q.token(i - 1).text()) || (q.wordAt(i - 1, "and") && q.isConsumed(i - 2)))) {
                // "with 3 bedrooms", "with 3 bedrooms and 2 bathrooms"
                add(q, compare(next.get().column(), Op.EQ, number.get()), i, next.get().end());
            }
        }
    }

    /** "bedrooms > 3", "price is above 5 million", "a price of at least 2000", "bedrooms between 2 and 4". */
    private void numberAfterColumn(OfflineQuestion q, ColumnMention column) {
        for (int k = column.end(); k < column.end() + 4 && k < q.tokens().size(); k++) {
            if (q.wordAt(k, "between")) {
                Optional<NumberAt[]> range = range(q, k + 1);
                range.ifPresent(r -> add(q, between(column.column(), r), column.position(), r[1].end()));
                return;
            }
            int at = k;
            Optional<Phrase> op = phraseAt(q, at, BEFORE_NUMBER).or(() -> phraseAt(q, at, IS_NUMBER));
            if (op.isPresent()) {
                Optional<NumberAt> number = q.numberAt(k + op.get().words().size());
                // "the price of 3 bedroom houses": the number belongs to the column after it
                if (number.isPresent() && numericColumnAt(q, number.get().end()).isEmpty()) {
                    int end = number.get().end();
                    Optional<Phrase> after = phraseAt(q, end, AFTER_NUMBER);
                    Op chosen = op.get().op() == Op.EQ && after.isPresent() ? after.get().op() : op.get().op();
                    add(q, compare(column.column(), chosen, number.get()), column.position(),
                            end + (after.isPresent() && chosen == after.get().op() ? after.get().words().size() : 0));
                    return;
                }
            }
            Token t = q.token(k);
            if (t.kind() != OfflineQuestion.Kind.WORD || !FILLERS.contains(t.text())) {
                return;
            }
        }
    }

    /** "furnishingstatus is furnished", "city = 'New York'", "mainroad is not yes". */
    private void valueAfterColumn(OfflineQuestion q, ColumnMention column) {
        if (q.wordAt(column.position() - 1, "whether") || q.wordAt(column.position() - 1, "if")) {
            // "predict whether airconditioning is yes": what a classifier predicts, not a filter
            return;
        }
        int k = column.end();
        if (q.wordAt(k, "value") || q.wordAt(k, "column")) {
            k++;
        }
        Optional<Phrase> op = phraseAt(q, k, BEFORE_VALUE);
        if (op.isEmpty()) {
            return;
        }
        int valueAt = k + op.get().words().size();
        if (valueAt >= q.tokens().size() || q.isColumnToken(valueAt)) {
            return;
        }
        String value;
        int end;
        Optional<OfflineQuestion.Quoted> quoted = q.quotedAt(valueAt);
        Optional<ValueMention> known = q.valuesAt(valueAt).stream().filter(v -> v.column().equals(column.column()))
                .max(Comparator.comparingInt(v -> v.end() - v.position()));
        if (quoted.isPresent()) {
            value = quoted.get().text();
            end = quoted.get().end();
        } else if (known.isPresent()) {
            value = known.get().value();
            end = known.get().end();
        } else {
            end = valueAt;
            while (end < valueAt + 4 && end < q.tokens().size() && !q.isColumnToken(end)
                    && q.token(end).kind() != OfflineQuestion.Kind.SYMBOL
                    && !(q.token(end).kind() == OfflineQuestion.Kind.WORD && VALUE_ENDS.contains(q.token(end).text()))
                    && (end == valueAt || !q.clauseBreakAfter(end - 1))) {
                end++;
            }
            if (end == valueAt || NOT_VALUES.contains(q.token(valueAt).text())) {
                return;
            }
            value = q.textOf(valueAt, end);
        }
        add(q, new Condition(column.column(), op.get().op(), List.of(), value), column.position(), end);
    }

    private Optional<NumberAt[]> range(OfflineQuestion q, int at) {
        Optional<NumberAt> low = q.numberAt(at);
        if (low.isEmpty() || !(q.wordAt(low.get().end(), "and") || q.wordAt(low.get().end(), "to"))) {
            return Optional.empty();
        }
        return q.numberAt(low.get().end() + 1).map(high -> new NumberAt[] {
                low.get().multiplier() == null && high.multiplier() != null ? low.get().times(high.multiplier()) : low.get(),
                high});
    }

    private static Optional<ColumnMention> numericColumnAt(OfflineQuestion q, int at) {
        return q.columnAt(at).filter(c -> c.column().kind() == ColumnKind.NUMERIC);
    }

    private Condition compare(Column column, Op op, NumberAt number) {
        if (number.percent()) {
            problem = "A threshold written as a percentage (" + plain(number.value()) + "%) is ambiguous: is "
                    + column.name() + " stored as 0-100 or as 0-1?";
        }
        return new Condition(column, op, List.of(number.value()), null);
    }

    private Condition between(Column column, NumberAt[] range) {
        if (range[0].percent() || range[1].percent()) {
            problem = "A range written as percentages is ambiguous: is " + column.name() + " stored as 0-100 or 0-1?";
        }
        BigDecimal low = range[0].value().min(range[1].value());
        BigDecimal high = range[0].value().max(range[1].value());
        return new Condition(column, Op.BETWEEN, List.of(low, high), null);
    }

    private void add(OfflineQuestion q, Condition condition, int from, int to) {
        // "where price > 5": the word that introduces a condition is read with it
        if (from > 0 && !q.isConsumed(from - 1) && (q.wordAt(from - 1, "where") || q.wordAt(from - 1, "whose")
                || q.wordAt(from - 1, "when"))) {
            from--;
        }
        conditions.add(condition);
        spans.add(new int[] {from, to});
        q.consumeCondition(from, to);
    }

    // ---- what is left ---------------------------------------------------------------------------------

    /** A comparison with a number that no condition took, or conditions joined by "or", make the question unread. */
    private void checkLeftovers(OfflineQuestion q) {
        if (problem != null) {
            return;
        }
        for (int i = 0; i < q.tokens().size(); i++) {
            if (q.isConsumed(i)) {
                continue;
            }
            Optional<Phrase> op = phraseAt(q, i, BEFORE_NUMBER);
            int next = i + op.map(p -> p.words().size()).orElse(0);
            if ((op.isPresent() || q.wordAt(i, "between")) && (q.numberAt(next).isPresent()
                    || q.numberAt(next + 1).isPresent())) {
                problem = "I could not tell which column \"" + q.textOf(i, Math.min(q.tokens().size(), next + 1))
                        + "\" is about.";
                return;
            }
        }
        if (spans.size() >= 1) {
            int first = spans.stream().mapToInt(s -> s[0]).min().orElseThrow();
            int last = spans.stream().mapToInt(s -> s[1]).max().orElseThrow();
            for (int i = first; i < last; i++) {
                if (!q.isConsumed(i) && q.wordAt(i, "or")) {
                    problem = "Conditions joined by \"or\" are beyond the offline analyst; it joins conditions with \"and\".";
                    return;
                }
            }
        }
    }

    /** Whether the question has a word that filters rows (where, only, excluding, ...) that no condition took. */
    Optional<String> unreadFilterWord(OfflineQuestion q) {
        for (int i = 0; i < q.tokens().size(); i++) {
            Token t = q.token(i);
            if (!q.isConsumed(i) && t.kind() == OfflineQuestion.Kind.WORD && FILTER_WORDS.contains(t.text())
                    && !(t.text().equals("where") && !conditions.isEmpty())) {
                return Optional.of(t.text());
            }
        }
        return Optional.empty();
    }

    private static boolean negatedBefore(OfflineQuestion q, int position) {
        return negationStart(q, position) < position;
    }

    /** The start of a negation ("not", "don't have", "without") in the three words before {@code position}. */
    private static int negationStart(OfflineQuestion q, int position) {
        for (int k = position - 1; k >= Math.max(0, position - 3); k--) {
            Token t = q.token(k);
            if (t.kind() == OfflineQuestion.Kind.WORD && NEGATIONS.contains(t.text())) {
                return t.text().equals("t") && k > 0 ? k - 1 : k;
            }
            if (q.isColumnToken(k) || q.isConsumed(k)) {
                break;
            }
        }
        return position;
    }

    /** A bool column, or one whose known values are all yes / no words. */
    private static boolean looksLikeFlag(Column column) {
        Set<String> flags = Set.of("yes", "no", "true", "false", "y", "n", "0", "1");
        return column.kind() == ColumnKind.BOOL || (!column.sampleValues().isEmpty() && column.sampleValues().stream()
                .allMatch(v -> flags.contains(v.strip().toLowerCase(java.util.Locale.ROOT))));
    }

    /** Whether the condition ending at token {@code k} is a yes/no flag (so "and" may chain another). */
    private boolean flagBefore(int k) {
        for (int i = 0; i < spans.size(); i++) {
            if (spans.get(i)[1] == k + 1) {
                Op op = conditions.get(i).op();
                return op == Op.HAS || op == Op.HAS_NOT;
            }
        }
        return false;
    }

    private static int skipBack(OfflineQuestion q, int k, Set<String> skipped) {
        while (k >= 0 && q.token(k).kind() == OfflineQuestion.Kind.WORD && skipped.contains(q.token(k).text())) {
            k--;
        }
        return k;
    }

    private static Optional<Phrase> phraseAt(OfflineQuestion q, int at, List<Phrase> phrases) {
        for (Phrase p : phrases) {
            boolean match = at + p.words().size() <= q.tokens().size();
            for (int k = 0; k < p.words().size() && match; k++) {
                Token t = q.token(at + k);
                match = !q.isConsumed(at + k) && !q.isColumnToken(at + k) && t.kind() != OfflineQuestion.Kind.NUMBER
                        && t.text().equals(p.words().get(k));
            }
            if (match) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static List<Phrase> sorted(List<Phrase> phrases) {
        return phrases.stream().sorted(Comparator.comparingInt((Phrase p) -> p.words().size()).reversed()).toList();
    }

    /** A number as a Python literal and as text: no exponent, no trailing zeros. */
    static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
