package io.autoanalyst.runtime;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One output of a run, in Jupyter's nbformat 4 shapes, so a session exports to .ipynb by
 * serialising these as they are.
 */
public sealed interface KernelOutput {

    /** nbformat JSON for this output, as it would appear in a notebook cell's "outputs". */
    ObjectNode toNbformat();

    /** {@code {"output_type": "stream", "name": "stdout"|"stderr", "text": ...}} */
    record Stream(String name, String text) implements KernelOutput {
        public Stream {
            requireNonNull(name, "name");
            requireNonNull(text, "text");
        }

        @Override
        public ObjectNode toNbformat() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("output_type", "stream");
            node.put("name", name);
            node.put("text", text);
            return node;
        }
    }

    /** {@code {"output_type": "display_data", "data": {...}, "metadata": {...}}}: display(), fig.show(), plt.show(). */
    record DisplayData(MimeBundle data, JsonNode metadata) implements KernelOutput {
        public DisplayData {
            requireNonNull(data, "data");
            metadata = metadata == null ? JsonNodeFactory.instance.objectNode() : metadata;
        }

        @Override
        public ObjectNode toNbformat() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("output_type", "display_data");
            node.set("data", bundleJson(data));
            node.set("metadata", metadata);
            return node;
        }
    }

    /** {@code {"output_type": "execute_result", "execution_count": n, ...}}: the value of a cell's last expression. */
    record ExecuteResult(int executionCount, MimeBundle data, JsonNode metadata) implements KernelOutput {
        public ExecuteResult {
            requireNonNull(data, "data");
            metadata = metadata == null ? JsonNodeFactory.instance.objectNode() : metadata;
        }

        @Override
        public ObjectNode toNbformat() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("output_type", "execute_result");
            node.put("execution_count", executionCount);
            node.set("data", bundleJson(data));
            node.set("metadata", metadata);
            return node;
        }
    }

    /** {@code {"output_type": "error", "ename", "evalue", "traceback": [...]}}; traceback lines name {@code <cell-N>}. */
    record Error(String ename, String evalue, List<String> traceback) implements KernelOutput {
        public Error {
            requireNonNull(ename, "ename");
            requireNonNull(evalue, "evalue");
            traceback = List.copyOf(traceback);
        }

        @Override
        public ObjectNode toNbformat() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("output_type", "error");
            node.put("ename", ename);
            node.put("evalue", evalue);
            ArrayNode lines = node.putArray("traceback");
            traceback.forEach(lines::add);
            return node;
        }

        /** The traceback as one text, the way Python prints it. */
        public String tracebackText() {
            return String.join("\n", traceback);
        }
    }

    /** Reads one nbformat output as the kernel sent it. */
    static KernelOutput fromNbformat(JsonNode node) {
        String type = node.path("output_type").asString("");
        return switch (type) {
            case "stream" -> new Stream(node.path("name").asString("stdout"), node.path("text").asString(""));
            case "display_data" -> new DisplayData(MimeBundle.of(node.get("data")), node.get("metadata"));
            case "execute_result" -> new ExecuteResult(node.path("execution_count").asInt(0),
                    MimeBundle.of(node.get("data")), node.get("metadata"));
            case "error" -> {
                List<String> lines = new ArrayList<>();
                node.path("traceback").forEach(line -> lines.add(line.asString("")));
                yield new Error(node.path("ename").asString("Error"), node.path("evalue").asString(""), lines);
            }
            default -> new Stream("stderr", "[unknown output type " + type + "]\n");
        };
    }

    private static ObjectNode bundleJson(MimeBundle bundle) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> entry : bundle.data().entrySet()) data.set(entry.getKey(), entry.getValue());
        return data;
    }
}
