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
import tools.jackson.databind.JsonNode;

/** A chat exported as a notebook is valid nbformat 4 and carries the code and its outputs. */
@SqliteApi
class NotebookExportTest extends ApiTestBase {

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

    private static boolean nbformatInstalled() throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) return false;
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import nbformat").start();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
