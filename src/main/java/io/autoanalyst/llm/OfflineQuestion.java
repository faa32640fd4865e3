package io.autoanalyst.llm;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A question read against a dataset's columns: its tokens (words lower-cased and also in singular, numbers with
 * their value, comparison symbols), the columns it names and the category values it names, each with its token
 * position, so that "regress price on area" knows which column comes first. Column names match whatever the
 * spacing, underscores, case or plural ("Furnishing status", "furnishing_status", "bedroom" for {@code bedrooms}),
 * with or without quotes, and without a trailing unit in parentheses ("age" for {@code Age (years)}).
 *
 * <p>Rules that read a part of the question (a condition, the N of "top N") mark its tokens as consumed, so that
 * other rules see what is left and the analyst can refuse a question with parts nothing understood.
 */
final class OfflineQuestion {

    private static final int LONGEST_NAME_IN_WORDS = 8;
    static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(
            Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4),
            Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8),
            Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12),
            Map.entry("fifteen", 15), Map.entry("twenty", 20), Map.entry("dozen", 12));
    private static final Map<String, BigDecimal> MULTIPLIERS = Map.of("thousand", BigDecimal.valueOf(1_000),
            "million", BigDecimal.valueOf(1_000_000), "billion", BigDecimal.valueOf(1_000_000_000));
    /** Column names that are also everyday words only name their column when quoted ("a", "in", "value"...). */
    private static final Set<String> WORDS_NOT_TAKEN_AS_COLUMNS = Set.of("a", "i", "an", "the", "of", "in", "on",
            "at", "to", "is", "it", "by", "or", "and", "as", "be", "do", "no", "yes", "for", "with", "all", "any",
            "each", "per", "what", "how", "which", "that", "this", "there", "are", "has", "have", "many", "much");

    private static final Pattern TOKEN = Pattern.compile(
            "(?<ordinal>\\d+(?:st|nd|rd|th))\\b"
                    + "|(?<number>(?<![\\p{L}\\p{N}.])-?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?|(?<![\\p{L}\\p{N}])\\.\\d+)"
                    + "(?<suffix>[kK]\\b)?(?<percent>\\s*%)?"
                    + "|(?<symbol>>=|<=|!=|==|=>|=<|[<>=\u2265\u2264\u2260])"
                    + "|(?<word>[\\p{L}\\p{N}]+)");
    private static final Pattern QUOTE = Pattern.compile("[\"'`\u2018\u2019\u201C\u201D]");

    enum Kind { WORD, NUMBER, SYMBOL }

    /**
     * @param text     a word lower-cased, a number as written, or a symbol
     * @param singular the word in singular ({@code prices} → {@code price}); the text itself for others
     * @param number   the value of a number token (also of an ordinal such as {@code 90th}); null otherwise
     * @param percent  a number written with {@code %}
     * @param start    offset of the token in the question
     * @param end      offset just after it
     */
    record Token(Kind kind, String text, String singular, BigDecimal number, boolean percent, boolean ordinal,
                 int start, int end) {
        boolean isWord(String w) {
            return kind == Kind.WORD && text.equals(w);
        }
    }

    /** A column named in the question, by tokens {@code [position, end)}. */
    record ColumnMention(DatasetSchema.Column column, int position, int end) {}

    /** A category value named in the question, by tokens {@code [position, end)}, with the column it belongs to. */
    record ValueMention(DatasetSchema.Column column, String value, int position, int end) {}

    /** A quoted part of the question: its text as written, and the tokens {@code [first, end)} inside it. */
    record Quoted(String text, int first, int end) {}

    private final String text;
    private final List<Token> tokens;
    private final List<Quoted> quoted;
    private final List<ColumnMention> columns;
    private final List<ValueMention> values;
    private final Set<String> ambiguous = new LinkedHashSet<>();
    private final BitSet consumed = new BitSet();
    /** Tokens read as conditions: their words ("at least", "top") no longer trigger an intent. */
    private final BitSet conditionTokens = new BitSet();
    private final BitSet columnTokens = new BitSet();
    private final List<String> triggerWords;

    OfflineQuestion(String question, DatasetSchema schema) {
        this.text = question == null ? "" : question;
        this.quoted = new ArrayList<>();
        this.tokens = tokenize(text, quoted);
        this.columns = findColumns(schema);
        columns.forEach(m -> columnTokens.set(m.position(), m.end()));
        this.values = findValues(schema);
        // Trigger words are looked for outside column names: a column called "model" or "total" is no trigger.
        List<String> words = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            words.add(columnTokens.get(i) ? "\u0001" : t.kind() == Kind.NUMBER ? "#" : t.text());
        }
        this.triggerWords = words;
    }

    String text() {
        return text;
    }

    List<Token> tokens() {
        return tokens;
    }

    Token token(int i) {
        return i >= 0 && i < tokens.size() ? tokens.get(i) : null;
    }

    /** Whether token {@code i} is the word {@code w} (false past either end). */
    boolean wordAt(int i, String w) {
        Token t = token(i);
        return t != null && t.isWord(w);
    }

    // ---- triggers -----------------------------------------------------------------------------------------

    /** Whether any of these words (compared in singular too) or multi-word phrases occur outside column names. */
    boolean mentions(Set<String> wordsOrPhrases) {
        String text = spaced();
        for (String w : wordsOrPhrases) {
            if (w.contains(" ")) {
                if (text.contains(" " + w + " ")) {
                    return true;
                }
            } else if (positionOfWord(w) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The question's words for trigger phrases: column names and conditions blanked out. */
    private String spaced() {
        StringBuilder sb = new StringBuilder(" ");
        for (int i = 0; i < triggerWords.size(); i++) {
            sb.append(conditionTokens.get(i) ? "\u0001" : triggerWords.get(i)).append(' ');
        }
        return sb.toString();
    }

    /** The position of the first of these words (single words only) outside column names, if any. */
    OptionalInt positionOf(Set<String> wordSet) {
        for (int i = 0; i < tokens.size(); i++) {
            if (columnTokens.get(i) || conditionTokens.get(i) || tokens.get(i).kind() != Kind.WORD) {
                continue;
            }
            if (wordSet.contains(tokens.get(i).text()) || wordSet.contains(tokens.get(i).singular())) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** The token positions where one of these words or phrases starts, outside column names. */
    List<int[]> occurrences(Set<String> wordsOrPhrases) {
        List<int[]> found = new ArrayList<>();
        for (String phrase : wordsOrPhrases) {
            List<String> parts = List.of(phrase.split(" "));
            for (int i = 0; i + parts.size() <= triggerWords.size(); i++) {
                boolean match = true;
                for (int k = 0; k < parts.size() && match; k++) {
                    String w = conditionTokens.get(i + k) ? "\u0001" : triggerWords.get(i + k);
                    Token t = tokens.get(i + k);
                    match = w.equals(parts.get(k)) || (parts.size() == 1 && t.kind() == Kind.WORD
                            && !columnTokens.get(i) && t.singular().equals(singular(parts.get(k))));
                }
                if (match) {
                    found.add(new int[] {i, i + parts.size()});
                }
            }
        }
        found.sort(Comparator.comparingInt(a -> a[0]));
        return found;
    }

    private int positionOfWord(String w) {
        String s = singular(w);
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!columnTokens.get(i) && !conditionTokens.get(i) && t.kind() == Kind.WORD
                    && (t.text().equals(w) || t.singular().equals(s))) {
                return i;
            }
        }
        return -1;
    }

    // ---- columns and values ---------------------------------------------------------------------------------

    /** Columns named and not consumed by a condition, in the order they are named. */
    List<ColumnMention> columns() {
        return columns.stream().filter(m -> !consumed.get(m.position())).toList();
    }

    List<ColumnMention> columns(DatasetSchema.ColumnKind kind) {
        return columns().stream().filter(m -> m.column().kind() == kind).toList();
    }

    List<ColumnMention> groupingColumns() {
        return columns().stream().filter(m -> m.column().kind().groups()).toList();
    }

    /** Every column mention, consumed or not. */
    List<ColumnMention> allColumns() {
        return columns;
    }

    Optional<ColumnMention> columnAt(int position) {
        return columns.stream().filter(m -> m.position() == position).findFirst();
    }

    boolean isColumnToken(int i) {
        return columnTokens.get(i);
    }

    /** Category values named and not consumed. */
    List<ValueMention> values() {
        return values.stream().filter(v -> !consumed.get(v.position())).toList();
    }

    List<ValueMention> valuesAt(int position) {
        return values.stream().filter(v -> v.position() == position).toList();
    }

    List<Quoted> quoted() {
        return quoted;
    }

    Optional<Quoted> quotedAt(int first) {
        return quoted.stream().filter(q -> q.first() == first).findFirst();
    }

    /** Names in the question that fit two columns equally ("price" for both {@code Price} and {@code price_}). */
    Set<String> ambiguousNames() {
        return ambiguous;
    }

    // ---- consumption -------------------------------------------------------------------------------------------

    void consume(int from, int to) {
        consumed.set(from, to);
    }

    /** Tokens read as a condition on rows: consumed, and no longer trigger words. */
    void consumeCondition(int from, int to) {
        consumed.set(from, to);
        conditionTokens.set(from, to);
    }

    boolean isConsumed(int i) {
        return consumed.get(i);
    }

    /** Numbers written with digits that no rule has read (a number that is a category value is read). */
    List<Token> unreadNumbers() {
        List<Token> left = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            int at = i;
            boolean inValue = values().stream().anyMatch(v -> v.position() <= at && at < v.end());
            if (!consumed.get(i) && !columnTokens.get(i) && !inValue && tokens.get(i).kind() == Kind.NUMBER) {
                left.add(tokens.get(i));
            }
        }
        return left;
    }

    /** The value at token {@code i}: a number written with digits or as a word, with a multiplier word after it. */
    Optional<NumberAt> numberAt(int i) {
        Token t = token(i);
        if (t == null || columnTokens.get(i) || consumed.get(i)) {
            return Optional.empty();
        }
        BigDecimal value;
        if (t.kind() == Kind.NUMBER && !t.ordinal()) {
            value = t.number();
        } else if (t.kind() == Kind.WORD && NUMBER_WORDS.containsKey(t.text()) && !t.text().equals("dozen")) {
            value = BigDecimal.valueOf(NUMBER_WORDS.get(t.text()));
        } else {
            return Optional.empty();
        }
        Token next = token(i + 1);
        if (next != null && next.kind() == Kind.WORD && MULTIPLIERS.containsKey(next.text())) {
            BigDecimal factor = MULTIPLIERS.get(next.text());
            return Optional.of(new NumberAt(value.multiply(factor), t.percent(), i, i + 2, factor));
        }
        return Optional.of(new NumberAt(value, t.percent(), i, i + 1, null));
    }

    /** A number read from tokens {@code [position, end)}. */
    record NumberAt(BigDecimal value, boolean percent, int position, int end, BigDecimal multiplier) {
        /** This number with another's multiplier: the 3 of "between 3 and 5 million" is 3 million. */
        NumberAt times(BigDecimal factor) {
            return new NumberAt(value.multiply(factor), percent, position, end, factor);
        }
    }

    /** The question's own text from the start of token {@code from} to the end of token {@code to - 1}. */
    String textOf(int from, int to) {
        return text.substring(tokens.get(from).start(), tokens.get(to - 1).end());
    }

    /** Whether punctuation that ends a clause (, ; . ? ! parentheses) stands between tokens i and i + 1. */
    boolean clauseBreakAfter(int i) {
        if (i < 0 || i + 1 >= tokens.size()) {
            return true;
        }
        String between = text.substring(tokens.get(i).end(), tokens.get(i + 1).start());
        return between.matches(".*[,;.?!()\\[\\]].*");
    }

    private List<ColumnMention> findColumns(DatasetSchema schema) {
        List<ColumnMention> found = new ArrayList<>();
        for (int i = 0; i < tokens.size(); ) {
            int matchedLength = 0;
            for (int length = Math.min(LONGEST_NAME_IN_WORDS, tokens.size() - i); length >= 1 && matchedLength == 0;
                 length--) {
                List<DatasetSchema.Column> fits = columnsNamedBy(schema, i, i + length);
                if (fits.isEmpty()) {
                    continue;
                }
                matchedLength = length;
                if (fits.size() > 1) {
                    ambiguous.add(textOf(i, i + length));
                    continue;
                }
                DatasetSchema.Column c = fits.getFirst();
                if (found.stream().noneMatch(m -> m.column().equals(c))) {
                    found.add(new ColumnMention(c, i, i + length));
                } else {
                    // Named again: the later mention is still a column name, not a word of the question.
                    columnTokens.set(i, i + length);
                }
            }
            i += Math.max(1, matchedLength);
        }
        return List.copyOf(found);
    }

    /** The columns whose name the tokens [from, to) spell; the exact name wins over a looser fit. */
    private List<DatasetSchema.Column> columnsNamedBy(DatasetSchema schema, int from, int to) {
        StringBuilder singularJoined = new StringBuilder();
        StringBuilder rawJoined = new StringBuilder();
        for (int k = from; k < to; k++) {
            Token t = tokens.get(k);
            if (t.kind() == Kind.SYMBOL) {
                return List.of();
            }
            singularJoined.append(t.singular());
            rawJoined.append(t.text());
        }
        boolean isQuoted = quoted.stream().anyMatch(q -> q.first() == from && q.end() == to);
        if (!isQuoted && WORDS_NOT_TAKEN_AS_COLUMNS.contains(rawJoined.toString())) {
            return List.of();
        }
        String written = textOf(from, to).strip();
        List<DatasetSchema.Column> exact = new ArrayList<>();
        List<DatasetSchema.Column> loose = new ArrayList<>();
        for (DatasetSchema.Column c : schema.columns()) {
            if (c.name().strip().equalsIgnoreCase(written)) {
                exact.add(c);
            } else if (keys(c.name()).stream().anyMatch(key -> !key.isEmpty()
                    && (key.equals(singularJoined.toString()) || key.equals(rawJoined.toString())))) {
                loose.add(c);
            }
        }
        if (exact.size() > 1) {
            List<DatasetSchema.Column> sameCase = exact.stream().filter(c -> c.name().strip().equals(written)).toList();
            return sameCase.size() == 1 ? sameCase : exact;
        }
        return exact.isEmpty() ? loose : exact;
    }

    /** The forms of a column name the question may use: its words joined (raw and singular), without units. */
    private static List<String> keys(String columnName) {
        List<String> keys = new ArrayList<>();
        addKeys(keys, columnName);
        String withoutUnit = columnName.replaceAll("\\s*[(\\[][^)\\]]*[)\\]]\\s*$", "");
        if (!withoutUnit.equals(columnName) && !withoutUnit.isBlank()) {
            addKeys(keys, withoutUnit);
        }
        return keys;
    }

    private static void addKeys(List<String> keys, String name) {
        List<String> words = words(name);
        keys.add(String.join("", words.stream().map(OfflineQuestion::singular).toList()));
        keys.add(String.join("", words));
    }

    private List<ValueMention> findValues(DatasetSchema schema) {
        List<ValueMention> found = new ArrayList<>();
        for (DatasetSchema.Column c : schema.columns()) {
            if (!c.kind().groups()) {
                continue;
            }
            for (String value : new LinkedHashSet<>(c.sampleValues())) {
                List<String> valueWords = words(value);
                if (valueWords.isEmpty() || valueWords.size() > LONGEST_NAME_IN_WORDS) {
                    continue;
                }
                for (int i = 0; i + valueWords.size() <= tokens.size(); i++) {
                    // A word that names a column is not also a category value ("basement" vs "yes").
                    if (spells(i, valueWords) && columnTokens.get(i, i + valueWords.size()).isEmpty()) {
                        found.add(new ValueMention(c, value, i, i + valueWords.size()));
                    }
                }
            }
        }
        // "semi-furnished" names one value, not also "furnished": a mention inside a longer one is dropped.
        List<ValueMention> kept = found.stream().filter(v -> found.stream().noneMatch(o -> o.position() <= v.position()
                && v.end() <= o.end() && o.end() - o.position() > v.end() - v.position())).sorted(
                Comparator.comparingInt(ValueMention::position)).toList();
        return List.copyOf(kept);
    }

    private boolean spells(int from, List<String> valueWords) {
        for (int k = 0; k < valueWords.size(); k++) {
            Token t = tokens.get(from + k);
            if (t.kind() == Kind.SYMBOL || !t.text().equals(valueWords.get(k))) {
                return false;
            }
        }
        return true;
    }

    // ---- tokens ----------------------------------------------------------------------------------------------

    private static List<Token> tokenize(String text, List<Quoted> quotedOut) {
        List<int[]> quoteSpans = quoteSpans(text);
        List<Token> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            if (m.group("ordinal") != null) {
                String digits = m.group("ordinal").replaceAll("\\D", "");
                tokens.add(new Token(Kind.NUMBER, m.group("ordinal").toLowerCase(Locale.ROOT), m.group("ordinal"),
                        new BigDecimal(digits), false, true, m.start(), m.end()));
            } else if (m.group("number") != null) {
                BigDecimal value = new BigDecimal(m.group("number").replace(",", ""));
                if (m.group("suffix") != null) {
                    value = value.multiply(BigDecimal.valueOf(1000));
                }
                tokens.add(new Token(Kind.NUMBER, m.group("number"), m.group("number"), value,
                        m.group("percent") != null, false, m.start(), m.end()));
            } else if (m.group("symbol") != null) {
                String symbol = switch (m.group("symbol")) {
                    case "=>", "\u2265" -> ">=";
                    case "=<", "\u2264" -> "<=";
                    case "\u2260" -> "!=";
                    default -> m.group("symbol");
                };
                tokens.add(new Token(Kind.SYMBOL, symbol, symbol, null, false, false, m.start(), m.end()));
            } else {
                // Unlike column names, question words are not split at camelCase ("NaNs" is one word); both are
                // matched joined, so "SibSp" in a question still names the column SibSp.
                addWord(tokens, m.group("word"), m.start());
            }
        }
        for (int[] span : quoteSpans) {
            int first = -1;
            int end = -1;
            for (int i = 0; i < tokens.size(); i++) {
                if (tokens.get(i).start() >= span[0] && tokens.get(i).end() <= span[1]) {
                    if (first < 0) {
                        first = i;
                    }
                    end = i + 1;
                }
            }
            if (first >= 0) {
                quotedOut.add(new Quoted(text.substring(span[0], span[1]), first, end));
            }
        }
        return List.copyOf(tokens);
    }

    private static void addWord(List<Token> tokens, String word, int start) {
        String lower = word.toLowerCase(Locale.ROOT);
        tokens.add(new Token(Kind.WORD, lower, singular(lower), null, false, false, start, start + word.length()));
    }

    /**
     * Quoted parts, as [start, end) of their inner text. A quote opens after a non-letter and closes before one,
     * so the apostrophes of "don't" or "house's" are no quotes.
     */
    private static List<int[]> quoteSpans(String text) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = QUOTE.matcher(text);
        int open = -1;
        char openChar = 0;
        while (m.find()) {
            int at = m.start();
            char before = at == 0 ? ' ' : text.charAt(at - 1);
            char after = at + 1 >= text.length() ? ' ' : text.charAt(at + 1);
            if (open < 0) {
                if (!Character.isLetterOrDigit(before) && !Character.isWhitespace(after)) {
                    open = at;
                    openChar = text.charAt(at);
                }
            } else if (!Character.isLetterOrDigit(after) && !Character.isWhitespace(before) && matches(openChar, text.charAt(at))) {
                spans.add(new int[] {open + 1, at});
                open = -1;
            }
        }
        return spans;
    }

    private static boolean matches(char open, char close) {
        return switch (open) {
            case '\u2018' -> close == '\u2019';
            case '\u201C' -> close == '\u201D';
            default -> close == open || (open == '\'' && close == '\u2019') || (open == '"' && close == '\u201D');
        };
    }

    /** The words of a column name or value: lower-cased, split on anything but letters and digits and at camelCase. */
    static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        String spacedCamel = text.replaceAll("(\\p{Ll})(\\p{Lu})", "$1 $2");
        List<String> words = new ArrayList<>();
        for (String t : spacedCamel.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!t.isEmpty()) {
                words.add(t);
            }
        }
        return words;
    }

    static String singular(String word) {
        if (word.length() > 4 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() > 4 && (word.endsWith("sses") || word.endsWith("xes") || word.endsWith("ches")
                || word.endsWith("shes"))) {
            return word.substring(0, word.length() - 2);
        }
        if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")
                && !word.endsWith("is")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
