package io.autoanalyst.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole server with {@code autoanalyst.kernel.backend=jupyter}: a chat question about the sample
 * dataset, answered by the offline analyst, runs its code in a kernel of a real Jupyter Server
 * ({@link JupyterTestServer}, which sees the server's kernel work root at the same path) and returns
 * the true number.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "autoanalyst.test.database=sqlite",
        "autoanalyst.auth.admin-api-key=" + ApiTestBase.ADMIN_KEY,
        "autoanalyst.llm.default-model=", "autoanalyst.llm.openai.api-key=", "autoanalyst.llm.openai.base-url=",
        "autoanalyst.llm.anthropic.api-key=", "autoanalyst.llm.gemini.api-key=", "autoanalyst.llm.groq.api-key=",
        "autoanalyst.kernel.backend=jupyter",
})
// its kernels are deleted on the service while the service still runs (it stops with the JVM)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class JupyterBackendChatApiTest extends ApiTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static JupyterTestServer service;

    @BeforeAll
    static void requireJupyter() throws Exception {
        assumeTrue(JupyterTestServer.installed(), JupyterTestServer.MISSING);
    }

    @DynamicPropertySource
    static void jupyterService(DynamicPropertyRegistry registry) {
        registry.add("autoanalyst.kernel.jupyter.url", () -> service().url().toString());
        registry.add("autoanalyst.kernel.jupyter.token", () -> service().token());
    }

    private static synchronized JupyterTestServer service() {
        if (service == null) {
            try {
                service = JupyterTestServer.start(Files.createTempDirectory("jupyter-backend-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            JupyterTestServer started = service;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return service;
    }

    @Test
    void aChatQuestionAboutTheSampleIsAnsweredFromAJupyterKernel() throws Exception {
        Api session = api.session(newSessionId());

        Api.Response response = session.post("/chat", Map.of("query", "Is there a correlation between area and price?"));
        JsonNode where = session.post("/code/execute", Map.of("code",
                "import ipykernel, os\nprint(os.path.basename(ipykernel.get_connection_file()))")).json();

        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> lines = response.body().lines().filter(l -> !l.isBlank()).map(JSON::readTree).toList();
        assertThat(lines.getLast().path("status").asString()).as(response.body()).isEqualTo("complete");
        JsonNode execution = lines.stream().filter(l -> l.path("agent").asString().equals("code_execution")).findFirst()
                .orElseThrow(() -> new AssertionError("no code_execution line in " + lines));
        assertThat(execution.path("status").asString()).isEqualTo("success");
        // df['area'].corr(df['price']) of the shipped file, as the local backend answers (SampleDatasetAnswersApiTest)
        assertThat(execution.path("content").asString()).contains("0.3953").doesNotContain("Traceback");
        Matcher connectionFile = Pattern.compile("kernel-([0-9a-f-]+)\\.json").matcher(where.path("output").asString());
        assertThat(connectionFile.find()).as(where.toString()).isTrue();
        assertThat(service.kernelIds()).as("the session's kernel is one of the Jupyter Server's").contains(connectionFile.group(1));
    }
}
