package io.autoanalyst.llm;

/** Building blocks for generated Python: literals that stay literals whatever a column name contains. */
final class PythonSource {

    private PythonSource() {
    }

    /**
     * A single-quoted Python string literal. Column names and category values come from user data, so quotes,
     * backslashes and line breaks are escaped: a hostile column name must not become code.
     */
    static String str(String value) {
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\'' -> sb.append("\\'");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('\'').toString();
    }

    /** A title for a chart: plain text, safe inside a Python literal. */
    static String title(String text) {
        return str(text);
    }

    /** A Markdown code span for a column name in the summary. */
    static String md(String name) {
        return "`" + name.replace("`", "'") + "`";
    }
}
