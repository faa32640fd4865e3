package io.autoanalyst.deepanalysis;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text from models, datasets and users turned into HTML that cannot run anything: every character that means
 * something to HTML is escaped first, and only then is a small Markdown subset (headings, bold, italic, inline
 * code, fenced code, bullet and numbered lists, pipe tables) turned into tags this class writes itself.
 */
final class SafeHtml {

    private SafeHtml() {
    }

    static String escape(String text) {
        if (text == null) return "";
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                // Braces are escaped too, so no template engine that might process the file later sees {{...}}.
                case '{' -> out.append("&#123;");
                case '}' -> out.append("&#125;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern ITALIC = Pattern.compile("(?<![*\\w])\\*(?!\\s)([^*]+?)\\*(?![*\\w])");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern NUMBERED = Pattern.compile("^\\d+[.)]\\s+(.*)$");

    /** Inline Markdown of an already escaped line. */
    private static String inline(String escaped) {
        String s = CODE.matcher(escaped).replaceAll(m -> Matcher.quoteReplacement("<code>" + m.group(1) + "</code>"));
        s = BOLD.matcher(s).replaceAll(m -> Matcher.quoteReplacement("<strong>" + m.group(1) + "</strong>"));
        return ITALIC.matcher(s).replaceAll(m -> Matcher.quoteReplacement("<em>" + m.group(1) + "</em>"));
    }

    static String markdown(String text) {
        if (text == null || text.isBlank()) return "";
        List<String> lines = text.replace("\r\n", "\n").lines().toList();
        StringBuilder html = new StringBuilder();
        List<String> paragraph = new ArrayList<>();
        String list = null;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String line = raw.strip();
            if (line.startsWith("```")) {
                flush(html, paragraph);
                list = closeList(html, list);
                StringBuilder code = new StringBuilder();
                i++;
                while (i < lines.size() && !lines.get(i).strip().startsWith("```")) code.append(lines.get(i++)).append('\n');
                html.append("<pre class=\"output\"><code>").append(escape(code.toString())).append("</code></pre>\n");
                continue;
            }
            if (line.startsWith("|") && i + 1 < lines.size() && lines.get(i + 1).strip().matches("\\|?\\s*:?-{2,}.*")) {
                flush(html, paragraph);
                list = closeList(html, list);
                html.append("<div class=\"table-wrap\"><table><thead><tr>");
                cells(line).forEach(c -> html.append("<th>").append(inline(escape(c))).append("</th>"));
                html.append("</tr></thead><tbody>");
                i += 2;
                while (i < lines.size() && lines.get(i).strip().startsWith("|")) {
                    html.append("<tr>");
                    cells(lines.get(i).strip()).forEach(c -> html.append("<td>").append(inline(escape(c))).append("</td>"));
                    html.append("</tr>");
                    i++;
                }
                i--;
                html.append("</tbody></table></div>\n");
                continue;
            }
            if (line.isEmpty()) {
                flush(html, paragraph);
                list = closeList(html, list);
                continue;
            }
            if (line.startsWith("#")) {
                flush(html, paragraph);
                list = closeList(html, list);
                int level = Math.min(6, Math.max(3, line.indexOf(' ') < 0 ? 3 : (int) line.chars().takeWhile(c -> c == '#').count() + 2));
                html.append("<h").append(level).append('>').append(inline(escape(line.replaceFirst("^#+\\s*", "")))).append("</h").append(level).append(">\n");
                continue;
            }
            Matcher numbered = NUMBERED.matcher(line);
            if (line.startsWith("- ") || line.startsWith("* ") || line.startsWith("• ") || numbered.matches()) {
                flush(html, paragraph);
                String kind = numbered.matches() ? "ol" : "ul";
                if (!kind.equals(list)) {
                    list = closeList(html, list);
                    html.append('<').append(kind).append('>');
                    list = kind;
                }
                String item = numbered.matches() ? numbered.group(1) : line.substring(2);
                html.append("<li>").append(inline(escape(item))).append("</li>");
                continue;
            }
            list = closeList(html, list);
            paragraph.add(line);
        }
        flush(html, paragraph);
        closeList(html, list);
        return html.toString();
    }

    private static List<String> cells(String row) {
        String r = row.strip();
        if (r.startsWith("|")) r = r.substring(1);
        if (r.endsWith("|")) r = r.substring(0, r.length() - 1);
        List<String> cells = new ArrayList<>();
        for (String c : r.split("\\|", -1)) cells.add(c.strip());
        return cells;
    }

    private static void flush(StringBuilder html, List<String> paragraph) {
        if (paragraph.isEmpty()) return;
        html.append("<p>");
        for (int i = 0; i < paragraph.size(); i++) {
            if (i > 0) html.append("<br>");
            html.append(inline(escape(paragraph.get(i))));
        }
        html.append("</p>\n");
        paragraph.clear();
    }

    private static String closeList(StringBuilder html, String list) {
        if (list != null) html.append("</").append(list).append(">\n");
        return null;
    }

    private static final Pattern PYTHON_TOKENS = Pattern.compile(
            "(?<comment>#[^\\n]*)"
                    + "|(?<string>[rbfuRBFU]{0,2}(?:\"\"\"[\\s\\S]*?(?:\"\"\"|$)|'''[\\s\\S]*?(?:'''|$)|\"(?:\\\\.|[^\"\\\\\\n])*\"?|'(?:\\\\.|[^'\\\\\\n])*'?))"
                    + "|(?<number>\\b\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?\\b)"
                    + "|(?<keyword>\\b(?:and|as|assert|break|class|continue|def|del|elif|else|except|False|finally|for|from|global|if|import|in|is|lambda|None|nonlocal|not|or|pass|raise|return|True|try|while|with|yield)\\b)"
                    + "|(?<builtin>\\b(?:print|len|range|list|dict|set|str|int|float|sorted|sum|min|max|round|enumerate|zip)\\b)");

    /** Python source as escaped HTML with spans for comments, strings, numbers and keywords. */
    static String python(String code) {
        if (code == null) return "";
        StringBuilder html = new StringBuilder(code.length() * 2);
        Matcher m = PYTHON_TOKENS.matcher(code);
        int last = 0;
        while (m.find()) {
            html.append(escape(code.substring(last, m.start())));
            String kind = m.group("comment") != null ? "c" : m.group("string") != null ? "s" : m.group("number") != null ? "n"
                    : m.group("keyword") != null ? "k" : "b";
            html.append("<span class=\"tok-").append(kind).append("\">").append(escape(m.group())).append("</span>");
            last = m.end();
        }
        html.append(escape(code.substring(last)));
        return html.toString();
    }

    /**
     * JSON made safe inside a {@code <script type="application/json">} element: inside its strings, {@code <},
     * {@code >}, {@code &} (which could close the element or open a comment) and braces (which a template engine
     * might read) become JSON escapes, which read back the same. Outside strings JSON has none of the first three.
     */
    static String scriptJson(String json) {
        StringBuilder out = new StringBuilder(json.length() + 32);
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                switch (c) {
                    case '\\' -> {
                        out.append(c);
                        if (i + 1 < json.length()) out.append(json.charAt(++i));
                    }
                    case '"' -> {
                        inString = false;
                        out.append(c);
                    }
                    case '<', '>', '&', '{', '}', '\u2028', '\u2029' -> out.append(String.format("\\u%04x", (int) c));
                    default -> out.append(c);
                }
            } else {
                if (c == '"') inString = true;
                out.append(c);
            }
        }
        return out.toString();
    }
}
