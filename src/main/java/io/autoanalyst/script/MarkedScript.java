package io.autoanalyst.script;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A script split on the agent markers the original frontend writes around each agent's code:
 * <pre>
 * # planner_data_viz_agent code start
 * ...
 * # planner_data_viz_agent code end
 * </pre>
 * Code outside markers forms unnamed blocks, kept in their place in the script.
 */
public record MarkedScript(List<Block> blocks) {

    private static final Pattern START = Pattern.compile("^\\s*#\\s*(\\S+)\\s+code\\s+start\\s*$");
    private static final Pattern END = Pattern.compile("^\\s*#\\s*(\\S+)\\s+code\\s+end\\s*$");

    /** Header and error-map name of code outside markers, as the original called it. */
    public static final String UNNAMED = "unknown_agent";

    /**
     * @param agent the marker's name ({@code planner_data_viz_agent}), or null outside markers
     * @param code  the block's code, without the marker lines
     */
    public record Block(String agent, String code) {
        public Block {
            requireNonNull(code, "code");
        }

        /** The agent name, or {@value #UNNAMED} for code outside markers. */
        public String label() {
            return agent != null ? agent : UNNAMED;
        }
    }

    public MarkedScript {
        blocks = List.copyOf(blocks);
    }

    public static MarkedScript parse(String script) {
        requireNonNull(script, "script");
        List<Block> blocks = new ArrayList<>();
        String agent = null;
        StringBuilder code = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            Matcher start = START.matcher(line);
            Matcher end = END.matcher(line);
            if (start.matches()) {
                addBlock(blocks, agent, code);
                agent = start.group(1);
            } else if (end.matches() && agent != null && end.group(1).equals(agent)) {
                addBlock(blocks, agent, code);
                agent = null;
            } else {
                code.append(line).append('\n');
            }
        }
        addBlock(blocks, agent, code);
        return new MarkedScript(blocks);
    }

    private static void addBlock(List<Block> blocks, String agent, StringBuilder code) {
        String text = code.toString();
        code.setLength(0);
        // An agent's block is kept even when empty (it ran, and produced nothing); blank or
        // comment-only text between blocks is not a block.
        if (agent != null || text.lines().anyMatch(l -> !l.isBlank() && !l.strip().startsWith("#"))) {
            blocks.add(new Block(agent, text));
        }
    }
}
