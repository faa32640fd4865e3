package io.autoanalyst.llm;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A chat title made of a question's first three meaningful words ("Show me the distribution of house prices" →
 * "Distribution House Prices"): the offline analyst's title, and every chat's title when a model fails to give one.
 */
public final class QuestionTitle {

    private static final Set<String> FILLER = Set.of("a", "an", "the", "of", "in", "on", "for", "to", "me", "my", "please",
            "can", "you", "show", "what", "is", "are", "how", "do", "does", "give", "tell", "and", "with", "about", "i");

    private QuestionTitle() {
    }

    /** Empty when the question has no meaningful word. */
    public static Optional<String> of(String question) {
        if (question == null) {
            return Optional.empty();
        }
        String title = Arrays.stream(question.split("[^\\p{L}\\p{N}_]+"))
                .filter(w -> !w.isBlank() && !FILLER.contains(w.toLowerCase(Locale.ROOT)))
                .limit(3)
                .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1))
                .collect(Collectors.joining(" "));
        return title.isEmpty() ? Optional.empty() : Optional.of(title);
    }
}
