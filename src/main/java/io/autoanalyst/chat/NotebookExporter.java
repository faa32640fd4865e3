package io.autoanalyst.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chat as a Jupyter notebook (nbformat 4.5): each question a markdown cell, each answer its
 * explanation as markdown and its code as a code cell carrying the outputs it produced (text,
 * Plotly figures, images), so the notebook opens in Jupyter with the results already there.
 * Also a plain Python script of the same chat.
 */
@Component
public class NotebookExporter {

    private static final Pattern CODE_FENCE = Pattern.compile("```python\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern PLOTLY_FENCE = Pattern.compile("```plotly\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern PNG_FENCE = Pattern.compile("```matplotlib\\n(.*?)\\n```", Pattern.DOTALL);

    private final JsonMapper json = JsonMapper.builder().build();

    public ObjectNode notebook(Chat chat, List<Message> messages) {
        ObjectNode notebook = json.createObjectNode();
        notebook.put("nbformat", 4);
        notebook.put("nbformat_minor", 5);
        ObjectNode metadata = notebook.putObject("metadata");
        ObjectNode kernel = metadata.putObject("kernelspec");
        kernel.put("name", "python3");
        kernel.put("display_name", "Python 3");
        kernel.put("language", "python");
        metadata.putObject("language_info").put("name", "python");
        metadata.put("title", chat.title());
        ArrayNode cells = notebook.putArray("cells");
        cells.add(markdown("# " + chat.title() + "\n\nExported from Auto-Analyst. The first dataset is loaded as `df`; "
                + "load your data the same way before running the cells.", 0));
        int id = 1;
        int execution = 1;
        for (Message message : messages) {
            if ("user".equals(message.sender())) {
                cells.add(markdown("**Question:** " + message.content(), id++));
                continue;
            }
            String code = message.code() != null && !message.code().isBlank() ? message.code() : codeIn(message.content());
            cells.add(markdown(withoutCode(message.content()), id++));
            if (!code.isBlank()) {
                cells.add(codeCell(code, outputsOf(message.outputs(), execution), execution, id++));
                execution++;
            }
        }
        return notebook;
    }

    public String script(Chat chat, List<Message> messages) {
        StringBuilder py = new StringBuilder("# ").append(chat.title()).append("\n# Exported from Auto-Analyst. ")
                .append("The first dataset is expected as the DataFrame `df`.\n\n");
        for (Message message : messages) {
            if ("user".equals(message.sender())) {
                py.append("# %% Question: ").append(message.content().replace("\n", " ")).append("\n\n");
            } else {
                String code = message.code() != null && !message.code().isBlank() ? message.code() : codeIn(message.content());
                if (!code.isBlank()) py.append(code.strip()).append("\n\n");
            }
        }
        return py.toString();
    }

    private ObjectNode markdown(String text, int id) {
        ObjectNode cell = json.createObjectNode();
        cell.put("cell_type", "markdown");
        cell.put("id", "cell-" + id);
        cell.putObject("metadata");
        cell.set("source", lines(text));
        return cell;
    }

    private ObjectNode codeCell(String code, ArrayNode outputs, int execution, int id) {
        ObjectNode cell = json.createObjectNode();
        cell.put("cell_type", "code");
        cell.put("id", "cell-" + id);
        cell.putObject("metadata");
        cell.put("execution_count", execution);
        cell.set("source", lines(code.strip()));
        cell.set("outputs", outputs);
        return cell;
    }

    /** Outputs as stored with the answer: the run's text, Plotly figures and PNG images. */
    private ArrayNode outputsOf(String stored, int execution) {
        ArrayNode outputs = json.createArrayNode();
        if (stored == null || stored.isBlank()) return outputs;
        JsonNode saved = json.readTree(stored);
        String text = saved.path("output").asString("");
        if (!text.isBlank()) {
            ObjectNode stream = outputs.addObject();
            stream.put("output_type", "stream");
            stream.put("name", "stdout");
            stream.set("text", lines(text.replace("<TABLE_START>\n", "").replace("<TABLE_END>\n", "").replace("<TABLE_END>", "")));
        }
        for (JsonNode fence : saved.path("plotly_outputs").values()) {
            Matcher m = PLOTLY_FENCE.matcher(fence.asString());
            if (!m.find()) continue;
            ObjectNode display = outputs.addObject();
            display.put("output_type", "display_data");
            ObjectNode data = display.putObject("data");
            data.set("application/vnd.plotly.v1+json", json.readTree(m.group(1)));
            data.put("text/plain", "<Plotly figure>");
            display.putObject("metadata");
        }
        for (JsonNode fence : saved.path("matplotlib_outputs").values()) {
            Matcher m = PNG_FENCE.matcher(fence.asString());
            if (!m.find()) continue;
            ObjectNode display = outputs.addObject();
            display.put("output_type", "display_data");
            ObjectNode data = display.putObject("data");
            data.put("image/png", m.group(1).strip());
            data.put("text/plain", "<Figure>");
            display.putObject("metadata");
        }
        return outputs;
    }

    /** nbformat stores text as a list of lines, each but the last ending in a newline. */
    private ArrayNode lines(String text) {
        ArrayNode lines = json.createArrayNode();
        String[] parts = text.split("(?<=\n)");
        for (String part : parts) {
            if (!part.isEmpty()) lines.add(part);
        }
        return lines;
    }

    static String codeIn(String markdown) {
        Matcher m = CODE_FENCE.matcher(markdown == null ? "" : markdown);
        List<String> blocks = new ArrayList<>();
        while (m.find()) blocks.add(m.group(1).strip());
        return String.join("\n\n", blocks);
    }

    static String withoutCode(String markdown) {
        return (markdown == null ? "" : CODE_FENCE.matcher(markdown).replaceAll("").replace("### Code Implementation\n", "")).strip();
    }
}
