package io.autoanalyst.llm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A question read against a dataset's columns: its words (lower-cased, singular), the columns it names and the
 * category values it names, each with its position, so that "regress price on area" knows which column comes
 * first. Column names match whatever the spacing, underscores, case or plural ("Furnishing status",
 * "furnishing_status", "bedroom" for {@code bedrooms}).
 */
final class OfflineQuestion {

    private static final int LONGEST_NAME_IN_WORDS = 8;
    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(
            Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4),
            Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8),
            Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("fifteen", 15), Map.entry("twenty", 20),
            Map.entry("dozen", 12));

    /** A column named in the question, at word position {@code position}. */
    record ColumnMention(DatasetSchema.Column column, int position) {}

    /** A category value named in the question, with the column it belongs to. */
    record ValueMention(DatasetSchema.Column column, String value, int position) {}

    private final List<String> words;
    private final List<String> singular;
    private final String spaced;
    private final List<ColumnMention> columns;
    private final List<ValueMention> values;

    OfflineQuestion(String question, DatasetSchema schema) {
        this.words = tokens(question);
        this.singular = words.stream().map(OfflineQuestion::singular).toList();
        this.spaced = " " + String.join(" ", words) + " ";
        this.columns = findColumns(schema);
        this.values = findValues(schema);
    }

    /** Whether any of these words (compared in singular) or multi-word phrases occur. */
    boolean mentions(Set<String> wordsOrPhrases) {
        for (String w : wordsOrPhrases) {
            if (w.contains(" ")) {
                if (spaced.contains(" " + w + " ")) {
                    return true;
                }
            } else if (singular.contains(singular(w)) || words.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** The position of the first of these words, if any. */
    OptionalInt positionOf(Set<String> wordSet) {
        for (int i = 0; i < words.size(); i++) {
            if (wordSet.contains(words.get(i)) || wordSet.contains(singular.get(i))) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    List<ColumnMention> columns() {
        return columns;
    }

    List<ColumnMention> columns(DatasetSchema.ColumnKind kind) {
        return columns.stream().filter(m -> m.column().kind() == kind).toList();
    }

    List<ColumnMention> groupingColumns() {
        return columns.stream().filter(m -> m.column().kind().groups()).toList();
    }

    List<ValueMention> values() {
        return values;
    }

    /** A count asked for ("top 5", "ten largest"), if any. */
    Optional<Integer> count() {
        for (String w : words) {
            if (w.matches("\\d{1,4}")) {
                int n = Integer.parseInt(w);
                if (n > 0) {
                    return Optional.of(n);
                }
            }
            if (NUMBER_WORDS.containsKey(w)) {
                return Optional.of(NUMBER_WORDS.get(w));
            }
        }
        return Optional.empty();
    }

    private List<ColumnMention> findColumns(DatasetSchema schema) {
        List<ColumnMention> found = new ArrayList<>();
        for (int i = 0; i < singular.size(); ) {
            int matchedLength = 0;
            for (int length = Math.min(LONGEST_NAME_IN_WORDS, singular.size() - i); length >= 1 && matchedLength == 0;
                 length--) {
                String joined = String.join("", singular.subList(i, i + length));
                String joinedRaw = String.join("", words.subList(i, i + length));
                for (DatasetSchema.Column c : schema.columns()) {
                    String key = key(c.name());
                    if (key.equals(joined) || key.equals(joinedRaw) || rawKey(c.name()).equals(joinedRaw)) {
                        int position = i;
                        if (found.stream().noneMatch(m -> m.column().equals(c))) {
                            found.add(new ColumnMention(c, position));
                        }
                        matchedLength = length;
                        break;
                    }
                }
            }
            i += Math.max(1, matchedLength);
        }
        found.sort(Comparator.comparingInt(ColumnMention::position));
        return List.copyOf(found);
    }

    private List<ValueMention> findValues(DatasetSchema schema) {
        List<ValueMention> found = new ArrayList<>();
        for (DatasetSchema.Column c : schema.columns()) {
            if (!c.kind().groups()) {
                continue;
            }
            for (String value : c.sampleValues()) {
                List<String> valueWords = tokens(value);
                if (valueWords.isEmpty() || valueWords.size() > LONGEST_NAME_IN_WORDS) {
                    continue;
                }
                for (int i = 0; i + valueWords.size() <= words.size(); i++) {
                    if (words.subList(i, i + valueWords.size()).equals(valueWords)) {
                        int position = i;
                        // A word that names a column is not also a category value ("basement" vs "yes").
                        boolean isColumnName = columns.stream().anyMatch(m -> m.position() == position);
                        if (!isColumnName) {
                            found.add(new ValueMention(c, value, position));
                        }
                        break;
                    }
                }
            }
        }
        found.sort(Comparator.comparingInt(ValueMention::position));
        return List.copyOf(found);
    }

    static List<String> tokens(String text) {
        if (text == null) {
            return List.of();
        }
        String spacedCamel = text.replaceAll("([a-z])([A-Z])", "$1 $2");
        List<String> tokens = new ArrayList<>();
        for (String t : spacedCamel.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (!t.isEmpty()) {
                tokens.add(t);
            }
        }
        return tokens;
    }

    private static String key(String columnName) {
        return String.join("", tokens(columnName).stream().map(OfflineQuestion::singular).toList());
    }

    private static String rawKey(String columnName) {
        return String.join("", tokens(columnName));
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
