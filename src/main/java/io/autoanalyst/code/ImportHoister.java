package io.autoanalyst.code;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The original's "clean code": every top-level import moves to the top, once, sorted; the rest
 * keeps its order and its agent markers. Indented imports (inside functions or try blocks) stay
 * where they are, since moving them would change what the code does.
 */
final class ImportHoister {

    private static final Pattern IMPORT = Pattern.compile("^(import\\s+\\S.*|from\\s+\\S+\\s+import\\s+.+)$");

    private ImportHoister() {
    }

    static String clean(String code) {
        TreeSet<String> imports = new TreeSet<>();
        List<String> body = new ArrayList<>();
        boolean continuation = false;
        for (String line : code.split("\\R", -1)) {
            String stripped = line.stripTrailing();
            if (!continuation && IMPORT.matcher(stripped).matches() && !stripped.endsWith("(") && !stripped.endsWith("\\")) {
                imports.add(stripped);
                continue;
            }
            continuation = stripped.endsWith("\\");
            body.add(line);
        }
        while (!body.isEmpty() && body.getFirst().isBlank()) body.removeFirst();
        if (imports.isEmpty()) return String.join("\n", body);
        return String.join("\n", imports) + "\n\n" + String.join("\n", body);
    }
}
