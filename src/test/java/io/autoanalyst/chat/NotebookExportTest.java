package io.autoanalyst.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.SqliteApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A chat exported as a notebook is valid nbformat 4 and carries the code and its outputs. */
@SqliteApi
class NotebookExportTest extends ApiTestBase {

    @Autowired
    JdbcClient jdbc;

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void anExportedChatValidatesAgainstTheNbformatSchema() throws Exception {
        Api ann = signedInUser("ann").session(newSessionId());
        long chat = ann.post("/chats", Map.of("title", "Prices")).json().path("chat_id").asLong();
        ann.post("/chat?chat_id=" + chat + "&save=true", Map.of("query", "Show the distribution of price"));

        Api.Response response = ann.get("/chats/" + chat + "/notebook");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Disposition")).contains("attachment").contains(".ipynb");
        JsonNode notebook = response.json();
        assertThat(notebook.path("nbformat").asInt()).isEqualTo(4);
        JsonNode code = null;
        for (JsonNode cell : notebook.path("cells")) {
            if (cell.path("cell_type").asString().equals("code")) code = cell;
        }
        assertThat(code).as("a code cell").isNotNull();
        assertThat(code.path("source").toString()).contains("df");
        assertThat(code.path("outputs").toString()).contains("application/vnd.plotly.v1+json");

        assumeTrue(nbformatInstalled(), "python3-nbformat is not installed: schema validation skipped");
        Path file = Files.createTempFile("chat", ".ipynb");
        Files.writeString(file, response.body());
        Process validate = new ProcessBuilder(PYTHON.toString(), "-c",
                "import sys, nbformat; nb = nbformat.read(sys.argv[1], as_version=4); nbformat.validate(nb); print('valid')",
                file.toString()).redirectErrorStream(true).start();
        assertThat(validate.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(validate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(validate.exitValue()).as(out).isZero();
        assertThat(out).contains("valid");
    }

    @Test
    void theScriptExportHasTheCodeAndOnlyTheOwnerGetsIt() {
        Api ann = signedInUser("ann").session(newSessionId());
        long chat = ann.post("/chats", null).json().path("chat_id").asLong();
        ann.post("/chat?chat_id=" + chat + "&save=true", Map.of("query", "average price by furnishingstatus"));
        Api.Response script = ann.get("/chats/" + chat + "/script");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.body()).contains("# %% Question: average price by furnishingstatus", "groupby");
        assertThat(signedInUser("bob").get("/chats/" + chat + "/notebook").status()).isEqualTo(404);
    }

    @Test
    void textInTheScriptExportNeverBecomesCode() throws Exception {
        Api ann = signedInUser("ann").session(newSessionId());
        long chat = ann.post("/chats", Map.of("title", "coding: utf-7\nINJECTED_TITLE = 1\rINJECTED_TITLE_CR = 1")).json()
                .path("chat_id").asLong();
        String[] separators = {"\n", "\r", "\r\n", "\u000B", "\f", "\u001C", "\u0085", "\u2028", "\u2029", "\u0000"};
        for (int i = 0; i < separators.length; i++) {
            assertThat(ann.post("/chats/" + chat + "/messages", Map.of("sender", "user",
                    "content", "question" + separators[i] + "INJECTED_QUESTION_" + i + " = 1")).status()).isEqualTo(200);
        }
        assertThat(ann.post("/chats/" + chat + "/messages", Map.of("sender", "ai", "content", "answer",
                "agent", "data_viz_agent\nINJECTED_AGENT = 1", "code", "result = 1 + 1\nprint(result)")).status()).isEqualTo(200);
        // in UTF-7, +AAo- is a newline: were the file decoded as UTF-7 this would be a statement
        ann.post("/chats/" + chat + "/messages", Map.of("sender", "user", "content", "utf7 +AAo-INJECTED_UTF7 = 1"));

        Api.Response script = ann.get("/chats/" + chat + "/script");
        assertThat(script.status()).isEqualTo(200);
        Path file = Files.createTempFile("chat", ".py");
        Files.writeString(file, script.body());
        // read as bytes, so Python applies the file's own encoding declaration
        Process parse = new ProcessBuilder(PYTHON.toString(), "-c", """
                import ast, sys
                tree = ast.parse(open(sys.argv[1], 'rb').read())
                print('NAMES', sorted({n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}))
                """, file.toString()).redirectErrorStream(true).start();
        assertThat(parse.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(parse.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(parse.exitValue()).as(out).isZero();
        assertThat(out).contains("NAMES ['print', 'result']").doesNotContain("INJECTED");
        assertThat(script.body()).contains("INJECTED_QUESTION_3", "INJECTED_AGENT"); // kept, as comments
    }

    @Test
    void outputsThatAreNotJsonAreRefusedWhenWritten() {
        Api ann = signedInUser("ann").session(newSessionId());
        long chat = ann.post("/chats", null).json().path("chat_id").asLong();
        Api.Response notJson = ann.post("/chats/" + chat + "/messages",
                Map.of("sender", "ai", "content", "x", "code", "print(1)", "outputs", "{not json"));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.detail()).contains("outputs must be JSON");
        Api.Response brokenFence = ann.post("/chats/" + chat + "/messages", Map.of("sender", "ai", "content", "x", "code", "print(1)",
                "outputs", "{\"plotly_outputs\": [\"```plotly\\n{broken\\n```\"]}"));
        assertThat(brokenFence.status()).isEqualTo(400);
        assertThat(brokenFence.detail()).contains("plotly");
    }

    @Test
    void aStoredRowWithUnreadableOutputsStillExports() {
        Api ann = signedInUser("ann").session(newSessionId());
        long chat = ann.post("/chats", Map.of("title", "Old rows")).json().path("chat_id").asLong();
        // rows written before outputs were checked, inserted as they may be in the database
        insertAnswer(chat, "{not json");
        insertAnswer(chat, "[1, 2]");
        insertAnswer(chat, "{\"output\": \"ok\", \"plotly_outputs\": [\"```plotly\\n{broken\\n```\", 7]}");

        Api.Response notebook = ann.get("/chats/" + chat + "/notebook");
        assertThat(notebook.status()).isEqualTo(200);
        String cells = notebook.json().path("cells").toString();
        assertThat(cells).contains("could not be read", "Plotly figure that could not be read", "ok");
        assertThat(ann.get("/chats/" + chat + "/script").status()).isEqualTo(200);
    }

    private void insertAnswer(long chat, String outputs) {
        jdbc.sql("INSERT INTO messages (chat_id, sender, content, code, outputs) VALUES (?, 'ai', 'answer', 'print(1)', ?)")
                .params(chat, outputs).update();
    }

    private static boolean nbformatInstalled() throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) return false;
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import nbformat").start();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
