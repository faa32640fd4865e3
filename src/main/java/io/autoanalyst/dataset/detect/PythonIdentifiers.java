package io.autoanalyst.dataset.detect;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Turns user-chosen names (sheet names, dataset names, file names) into Python variable names
 * the kernel can bind: ASCII identifiers, at most {@link #MAX_LENGTH} characters, never a keyword,
 * a builtin, or a name the kernel already uses ({@code df}, {@code pd}, ...), distinct from the names
 * already taken.
 */
public final class PythonIdentifiers {

    public static final int MAX_LENGTH = 30;

    private static final Set<String> RESERVED = Set.of(
            // keywords and soft keywords
            "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
            "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
            "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "match", "case", "type",
            // builtins an analyst's code is likely to call
            "abs", "all", "any", "bool", "dict", "dir", "enumerate", "eval", "exec", "filter", "float", "format", "id",
            "input", "int", "len", "list", "map", "max", "min", "next", "object", "open", "print", "range", "repr",
            "round", "set", "slice", "sorted", "str", "sum", "tuple", "vars", "zip", "help", "iter", "hash", "super",
            // names the kernel and the agents' code rely on
            "df", "pd", "np", "px", "go", "plt", "sns", "sm", "stats", "json", "os", "sys", "io", "re", "math");

    private PythonIdentifiers() {
    }

    /** A valid, unreserved identifier for {@code raw}, distinct from every name in {@code taken}. */
    public static String derive(String raw, String fallback, Set<String> taken) {
        String base = clean(raw);
        if (base.isEmpty()) base = fallback;
        if (Character.isDigit(base.charAt(0))) base = fallback + "_" + base;
        if (RESERVED.contains(base) || RESERVED.contains(base.toLowerCase(Locale.ROOT))) base = base + "_data";
        base = truncate(base, MAX_LENGTH);
        String name = base;
        for (int n = 2; taken.contains(name); n++) {
            String suffix = "_" + n;
            name = truncate(base, MAX_LENGTH - suffix.length()) + suffix;
        }
        return name;
    }

    public static boolean isValid(String name) {
        return name != null && name.matches("[A-Za-z_][A-Za-z0-9_]*") && !RESERVED.contains(name);
    }

    /** Letters and digits kept (accents and full-width forms folded to ASCII), everything else one underscore. */
    static String clean(String raw) {
        if (raw == null) return "";
        String folded = Normalizer.normalize(Normalizer.normalize(raw, Normalizer.Form.NFKC), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "");
        String replaced = folded.replaceAll("[^A-Za-z0-9]+", "_");
        return replaced.replaceAll("^_+|_+$", "");
    }

    private static String truncate(String s, int max) {
        String t = s.length() <= max ? s : s.substring(0, max);
        return t.replaceAll("_+$", "");
    }
}
