package io.autoanalyst.llm;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline analyst's generated Python. Template lines are code written here; data (column names, category
 * values) only enters as literals from {@link PythonSource}, never through a template, so a column called
 * {@code x'); import os; ...} stays a string. In a template the word {@code DF} stands for the rows being
 * analysed: the dataset's variable, or the rows a condition kept.
 *
 * <p>Kernels keep variables between runs, so the code must not overwrite the dataset: when the dataset's variable
 * is a name the code binds ({@code data}, {@code model}, ...), it is read through an alias and given back at the
 * end. The names bound are read from the code itself, so no list has to be kept in step with the templates.
 */
final class OfflineCode {

    /** Python helpers some answers need, added once, before the analysis. */
    enum Helper {
        FORMAT("""
                def _fmt(x):
                    # whole numbers exactly; others to 4 decimals (6 below 1), trailing zeros dropped
                    x = x.item() if hasattr(x, 'item') else x
                    if isinstance(x, bool) or not isinstance(x, (int, float)):
                        return str(x)
                    if isinstance(x, int) or x != x or abs(x) == float('inf'):
                        return str(x)
                    text = f"{x:.4f}" if abs(x) >= 1 else f"{x:.6f}" if abs(x) >= 1e-4 else f"{x:.4g}"
                    return text.rstrip('0').rstrip('.') if '.' in text and 'e' not in text else text
                """),
        CANNOT_ANSWER("""
                class _CannotAnswer(Exception):
                    \"""The data cannot answer the question as asked; the analyst says so instead of guessing.\"""
                """),
        VALUE_MASK("""
                def _words(value):
                    return ' '.join(_re.findall(r'[^\\W_]+', str(value).lower()))
                def _value_mask(frame, column, wanted):
                    # rows whose value is the one named, ignoring case, spacing and punctuation
                    text = frame[column].astype(str).str.strip()
                    mask = text.str.lower() == str(wanted).strip().lower()
                    if not mask.any():
                        mask = text.map(_words) == _words(wanted)
                    mask = mask & frame[column].notna()
                    if not mask.any():
                        known = ', '.join(map(str, frame[column].dropna().astype(str).value_counts().index[:10]))
                        raise _CannotAnswer(f"column {column!r} has no value {wanted!r} (its most common values: {known})")
                    return mask
                """),
        FLAG_MASK("""
                _YES, _NO = {'yes', 'y', 'true', 't', '1', '1.0'}, {'no', 'n', 'false', 'f', '0', '0.0'}
                def _flag_mask(frame, column, present=True):
                    # rows where a yes/no column says yes (or no); any other column cannot say who "has" it
                    text = frame[column].astype(str).str.strip().str.lower().where(frame[column].notna())
                    if not set(text.dropna().unique()) <= _YES | _NO or text.dropna().empty:
                        raise _CannotAnswer(f"column {column!r} is not a yes/no column, so which rows have it is unclear")
                    return text.isin(_YES if present else _NO)
                """),
        NUMBERS("""
                def _numbers(frame, columns):
                    # numeric columns as float64, whatever dtype they were loaded with
                    return frame[list(columns)].apply(pd.to_numeric, errors='coerce').astype(float)
                """);

        private final String source;

        Helper(String source) {
            this.source = source;
        }
    }

    private static final String ALIAS = "_dataset";
    private static final Pattern DF = Pattern.compile("\\bDF\\b");
    private static final Pattern ASSIGNED = Pattern.compile(
            "^\\s*([A-Za-z_]\\w*(?:\\s*,\\s*[A-Za-z_]\\w*)*)\\s*(?:[-+*/&|]?=)(?!=)");
    private static final Pattern LOOP = Pattern.compile("^\\s*for\\s+([\\w\\s,]+?)\\s+in\\s");
    private static final Pattern IMPORT_AS = Pattern.compile("^\\s*(?:from\\s+\\S+\\s+)?import\\s+(\\S+)(?:\\s+as\\s+(\\w+))?");
    private static final Pattern DEFINED = Pattern.compile("^\\s*(?:def|class)\\s+(\\w+)|\\bas\\s+(\\w+)\\s*:");

    /** A line: template text (with DF) and literals, in order; literals are copied untouched. */
    private record Line(int indent, List<String> parts, List<Boolean> literal) {}

    private final String varName;
    private String what = "";
    private final Set<String> imports = new LinkedHashSet<>(List.of("import pandas as pd", "import plotly.express as px"));
    private final EnumSet<Helper> helpers = EnumSet.noneOf(Helper.class);
    private final List<Line> lines = new ArrayList<>();
    private String frame = "DF";
    private int indent;
    private boolean guarded;

    OfflineCode(String varName) {
        this.varName = varName;
    }

    /** What the code does, for its first comment line. */
    OfflineCode header(String description) {
        this.what = description;
        return this;
    }

    OfflineCode imports(String... statements) {
        imports.addAll(List.of(statements));
        return this;
    }

    OfflineCode uses(Helper... needed) {
        helpers.addAll(List.of(needed));
        if (helpers.contains(Helper.VALUE_MASK) || helpers.contains(Helper.FLAG_MASK)) {
            helpers.add(Helper.CANNOT_ANSWER);
            imports.add("import re as _re");
        }
        if (helpers.contains(Helper.CANNOT_ANSWER)) {
            guarded = true;
        }
        return this;
    }

    /** From here on, {@code DF} in templates means the rows held in {@code variable} (e.g. those a filter kept). */
    OfflineCode analyse(String variable) {
        this.frame = variable;
        return this;
    }

    /** A line of template code, never holding data: its word {@code DF} becomes the rows being analysed. */
    OfflineCode line(String template) {
        lines.add(new Line(indent, List.of(frameIn(plainNumbers(template))), List.of(false)));
        return this;
    }

    /**
     * Printed tables show numbers as {@code _fmt} writes them: pandas prints a column of values in the
     * millions as {@code 5.514287e+06}, which hides the digits a reader (or a benchmark) needs.
     */
    private String plainNumbers(String template) {
        if (!template.contains(".to_string()")) return template;
        helpers.add(Helper.FORMAT);
        return template.replace(".to_string()", ".to_string(float_format=_fmt)");
    }

    /**
     * A line of template code with literals: each {@code %s} of the template takes the next literal (from
     * {@link PythonSource} or a number), copied untouched. Write a percent sign of the template as {@code %%}.
     */
    OfflineCode line(String template, String... literals) {
        String[] pieces = frameIn(plainNumbers(template)).split("%s", -1);
        if (pieces.length != literals.length + 1) {
            throw new IllegalArgumentException("template has " + (pieces.length - 1) + " slots for "
                    + literals.length + " literals: " + template);
        }
        List<String> parts = new ArrayList<>();
        List<Boolean> literal = new ArrayList<>();
        for (int i = 0; i < pieces.length; i++) {
            parts.add(pieces[i].replace("%%", "%"));
            literal.add(false);
            if (i < literals.length) {
                parts.add(literals[i]);
                literal.add(true);
            }
        }
        lines.add(new Line(indent, parts, literal));
        return this;
    }

    /** {@code name = literal}, where the literal (from {@link PythonSource}) is copied untouched. */
    OfflineCode assign(String name, String literal) {
        return line(name + " = %s", literal);
    }

    /** Lines added until {@link #dedent()} are indented one level (the body of an {@code if} or {@code for}). */
    OfflineCode indent() {
        indent++;
        return this;
    }

    OfflineCode dedent() {
        indent--;
        return this;
    }

    /** The DF of a template stays a marker until rendering, when it is known whether the dataset needs an alias. */
    private String frameIn(String template) {
        return frame.equals("DF") ? template : DF.matcher(template).replaceAll(Matcher.quoteReplacement(frame));
    }

    /** Every name the code binds: imports, helpers, assignments, loop variables. */
    Set<String> boundNames() {
        Set<String> names = new LinkedHashSet<>();
        List<String> sources = new ArrayList<>(imports);
        helpers.forEach(h -> sources.addAll(h.source.lines().toList()));
        for (Line line : lines) {
            StringBuilder template = new StringBuilder();
            for (int i = 0; i < line.parts().size(); i++) {
                template.append(line.literal().get(i) ? "0" : line.parts().get(i));
            }
            sources.add(template.toString());
        }
        for (String source : sources) {
            Matcher assigned = ASSIGNED.matcher(source);
            if (assigned.find()) {
                for (String n : assigned.group(1).split(",")) {
                    names.add(n.strip());
                }
            }
            Matcher loop = LOOP.matcher(source);
            if (loop.find()) {
                for (String n : loop.group(1).split(",")) {
                    names.add(n.strip());
                }
            }
            Matcher imported = IMPORT_AS.matcher(source);
            if (imported.find()) {
                names.add(imported.group(2) != null ? imported.group(2) : imported.group(1).split("\\.")[0]);
            }
            Matcher defined = DEFINED.matcher(source);
            while (defined.find()) {
                names.add(defined.group(1) != null ? defined.group(1) : defined.group(2));
            }
        }
        return names;
    }

    @Override
    public String toString() {
        boolean alias = boundNames().contains(varName);
        String dataset = alias ? ALIAS : varName;
        StringBuilder sb = new StringBuilder("# Offline analyst (rule-based, no LLM): ").append(what).append('\n');
        imports.forEach(i -> sb.append(i).append('\n'));
        if (alias) {
            sb.append(ALIAS).append(" = ").append(varName).append('\n');
        }
        helpers.forEach(h -> sb.append(h.source));
        boolean wrapped = guarded || alias;
        if (wrapped) {
            sb.append("try:\n");
        }
        for (Line line : lines) {
            sb.append("    ".repeat(line.indent() + (wrapped ? 1 : 0)));
            for (int i = 0; i < line.parts().size(); i++) {
                String part = line.parts().get(i);
                sb.append(line.literal().get(i) ? part : DF.matcher(part).replaceAll(Matcher.quoteReplacement(dataset)));
            }
            sb.append('\n');
        }
        if (guarded) {
            sb.append("except _CannotAnswer as reason:\n    print(f\"Cannot answer: {reason}\")\n");
        }
        if (alias) {
            sb.append("finally:\n    ").append(varName).append(" = ").append(ALIAS).append("  # the dataset keeps its name\n");
        }
        return sb.toString();
    }
}
