package io.autoanalyst.agent;

/**
 * The markdown an agent's stream line carries, in the original's conventions (its frontend and
 * its conversation memory read them): {@code ## <Agent Title>}, {@code ### Code Implementation}
 * with a python fence, {@code ### Summary}.
 */
public final class AgentMarkdown {

    private AgentMarkdown() {
    }

    public static String of(AgentResult result) {
        StringBuilder md = new StringBuilder("## ").append(AgentDefinition.titleOf(result.agent())).append("\n\n");
        if (result.failed()) {
            return md.append("**Error**: ").append(result.error()).append('\n').toString();
        }
        if (result.hasCode()) {
            md.append("### Code Implementation\n```python\n").append(stripFences(result.code()).strip()).append("\n```\n\n");
        }
        if (result.summary() != null && !result.summary().isBlank()) {
            md.append(result.hasCode() ? "### Summary\n" : "### Answer\n").append(result.summary().strip()).append('\n');
        }
        return md.toString();
    }

    /** Models often wrap code in fences although the field is code already. */
    public static String stripFences(String code) {
        String s = code.strip();
        if (s.startsWith("```")) {
            int firstNewline = s.indexOf('\n');
            s = firstNewline < 0 ? "" : s.substring(firstNewline + 1);
            int close = s.lastIndexOf("```");
            if (close >= 0) s = s.substring(0, close);
        }
        return s;
    }
}
