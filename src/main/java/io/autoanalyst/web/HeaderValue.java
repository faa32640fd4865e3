package io.autoanalyst.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A header value with parameters, such as {@code form-data; name="file"; filename="a;b.csv"}:
 * parameters are split on semicolons outside quotes, names compared without case, quoted values
 * unescaped.
 */
record HeaderValue(String value, Map<String, String> parameters) {

    static HeaderValue parse(String header) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int semicolon = nextSemicolon(header, 0);
        String value = header.substring(0, semicolon).strip();
        int i = semicolon;
        while (i < header.length()) {
            int start = i + 1;
            int end = nextSemicolon(header, start);
            String parameter = header.substring(start, end);
            int equals = parameter.indexOf('=');
            if (equals > 0) {
                String name = parameter.substring(0, equals).strip().toLowerCase(Locale.ROOT);
                parameters.putIfAbsent(name, unquote(parameter.substring(equals + 1).strip()));
            }
            i = end;
        }
        return new HeaderValue(value, parameters);
    }

    String parameter(String name) {
        return parameters.get(name.toLowerCase(Locale.ROOT));
    }

    private static int nextSemicolon(String text, int from) {
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                return i;
            }
        }
        return text.length();
    }

    private static String unquote(String text) {
        if (text.length() < 2 || text.charAt(0) != '"' || text.charAt(text.length() - 1) != '"') return text;
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() - 1) c = text.charAt(++i);
            out.append(c);
        }
        return out.toString();
    }
}
