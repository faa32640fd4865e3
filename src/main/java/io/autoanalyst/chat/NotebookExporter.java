package io.autoanalyst.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
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

    private final JsonMapper json;

    public NotebookExporter(JsonMapper json) {
        this.json = json;
    }

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

    /**
     * The chat's code as one Python script. Only the answers' code is code: the title, questions and
     * agent names go into comments, split at every character Python or an editor may take for a line
     * break, so no text a user typed can become a statement. The first line fixes the encoding,
     * so a title like "coding: utf-7" cannot change how the rest is decoded.
     */
    public String script(Chat chat, List<Message> messages) {
        StringBuilder py = new StringBuilder("# -*- coding: utf-8 -*-\n");
        comment(py, chat.title());
        py.append("# Exported from Auto-Analyst. The first dataset is expected as the DataFrame `df`.\n\n");
        for (Message message : messages) {
            if ("user".equals(message.sender())) {
                comment(py, "%% Question: " + message.content());
                py.append("\n");
            } else {
                String code = message.code() != null && !message.code().isBlank() ? message.code() : codeIn(message.content());
                if (code.isBlank()) continue;
                if (message.agent() != null && !message.agent().isBlank()) comment(py, "Answer by " + message.agent());
                py.append(code.strip()).append("\n\n");
            }
        }
        return py.toString();
    }

    /** Line breaks of Python (\n, \r), of str.splitlines() and of editors (VT, FF, FS, GS, RS, NEL, LS, PS). */
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|[\n\r\u000B\u000C\u001C\u001D\u001E\u0085\u2028\u2029]");

    /** Text as comment lines: every line starts with '#', and no control character is left to end one. */
    static void comment(StringBuilder py, String text) {
        for (String line : LINE_BREAK.split(text == null ? "" : text, -1)) {
            StringBuilder safe = new StringBuilder();
            line.codePoints().forEach(c -> {
                boolean control = Character.getType(c) == Character.CONTROL || Character.getType(c) == Character.FORMAT
                        || Character.getType(c) == Character.SURROGATE;
                safe.appendCodePoint(control ? ' ' : c);
            });
            py.append("# ").append(safe.toString().stripTrailing()).append("\n");
        }
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

    /**
     * Why stored outputs could not be exported, or empty when they can: a JSON object whose Plotly
     * fences hold JSON. Checked when a message is written, so a bad row is refused at the door.
     */
    public Optional<String> problemWithOutputs(String stored) {
        if (stored == null || stored.isBlank()) return Optional.empty();
        JsonNode saved;
        try {
            saved = json.readTree(stored);
        } catch (JacksonException e) {
            return Optional.of("outputs must be JSON: an object like {\"output\": \"...\", \"plotly_outputs\": [\"```plotly\\n{...}\\n```\"]}");
        }
        if (!saved.isObject()) return Optional.of("outputs must be a JSON object with output, plotly_outputs and matplotlib_outputs");
        for (JsonNode fence : saved.path("plotly_outputs").values()) {
            Matcher m = PLOTLY_FENCE.matcher(fence.asString(""));
            if (m.find() && figure(m.group(1)).isEmpty()) {
                return Optional.of("plotly_outputs holds a ```plotly fence whose content is not a JSON figure");
            }
        }
        return Optional.empty();
    }

    /**
     * Outputs as stored with the answer: the run's text, Plotly figures and PNG images. Rows written
     * before outputs were checked may hold anything; what cannot be read becomes a note in the
     * notebook instead of failing the whole export.
     */
    private ArrayNode outputsOf(String stored, int execution) {
        ArrayNode outputs = json.createArrayNode();
        if (stored == null || stored.isBlank()) return outputs;
        JsonNode saved;
        try {
            saved = json.readTree(stored);
        } catch (JacksonException e) {
            saved = null;
        }
        if (saved == null || !saved.isObject()) {
            ObjectNode note = outputs.addObject();
            note.put("output_type", "stream");
            note.put("name", "stderr");
            note.set("text", lines(UNREADABLE_OUTPUTS));
            return outputs;
        }
        String text = saved.path("output").asString("");
        if (!text.isBlank()) {
            ObjectNode stream = outputs.addObject();
            stream.put("output_type", "stream");
            stream.put("name", "stdout");
            stream.set("text", lines(text.replace("<TABLE_START>\n", "").replace("<TABLE_END>\n", "").replace("<TABLE_END>", "")));
        }
        for (JsonNode fence : saved.path("plotly_outputs").values()) {
            Matcher m = PLOTLY_FENCE.matcher(fence.asString(""));
            if (!m.find()) continue;
            ObjectNode display = outputs.addObject();
            display.put("output_type", "display_data");
            ObjectNode data = display.putObject("data");
            Optional<JsonNode> figure = figure(m.group(1));
            if (figure.isPresent()) {
                data.set("application/vnd.plotly.v1+json", figure.get());
                data.put("text/plain", "<Plotly figure>");
            } else {
                data.put("text/plain", "<Plotly figure that could not be read>");
            }
            display.putObject("metadata");
        }
        for (JsonNode fence : saved.path("matplotlib_outputs").values()) {
            Matcher m = PNG_FENCE.matcher(fence.asString(""));
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

    static final String UNREADABLE_OUTPUTS = "[The stored outputs of this answer could not be read; run the cell again to see them.]";

    private Optional<JsonNode> figure(String text) {
        try {
            JsonNode figure = json.readTree(text);
            return figure != null && figure.isObject() ? Optional.of(figure) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
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
