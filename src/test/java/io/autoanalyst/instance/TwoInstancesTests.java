package io.autoanalyst.instance;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.AutoAnalystApplication;
import io.autoanalyst.evaluation.EvaluationRequest;
import io.autoanalyst.evaluation.EvaluationService;
import io.autoanalyst.evaluation.ProgressLine;
import io.autoanalyst.session.GuestSessionJanitor;
import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.SqliteDatabase;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Two server instances on one database and one shared data folder, as behind a load balancer: a
 * session's kernel state follows the session from one instance to the other by replay, and what one
 * instance counts or runs (wrong passwords, evaluation runs) the other sees. The tests run in order on
 * the same pair; the fourth stops instance A. Run once per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class TwoInstancesTests {

    private final String databaseUrl = newDatabaseUrl();
    private final String dataDir = SqliteDatabase.newFolder().toString();
    ConfigurableApplicationContext a;
    ConfigurableApplicationContext b;
    /** Holds an evaluation run on instance A until A has stopped (see the evaluation tests). */
    private final CountDownLatch evaluationOnA = new CountDownLatch(1);
    private long evaluationRun;

    /** A new empty database both instances use. */
    abstract String newDatabaseUrl();

    @BeforeAll
    void startBoth() {
        a = start("instance-a");
        b = start("instance-b");
    }

    @AfterAll
    void stopBoth() {
        evaluationOnA.countDown();
        if (a != null) a.close();
        if (b != null) b.close();
    }

    private ConfigurableApplicationContext start(String id) {
        return new SpringApplicationBuilder(AutoAnalystApplication.class).run("--server.port=0",
                "--autoanalyst.database.url=" + databaseUrl, "--autoanalyst.database.data-dir=" + dataDir,
                "--autoanalyst.kernel.work-root=" + dataDir + "/kernels-" + id, "--autoanalyst.kernel.pool-size=1",
                "--autoanalyst.instance.id=" + id, "--autoanalyst.auth.admin-api-key=" + ApiTestBase.ADMIN_KEY,
                "--autoanalyst.llm.default-model=", "--autoanalyst.llm.openai.api-key=", "--autoanalyst.llm.openai.base-url=",
                "--autoanalyst.llm.anthropic.api-key=", "--autoanalyst.llm.gemini.api-key=", "--autoanalyst.llm.groq.api-key=",
                "--logging.level.root=WARN", "--logging.level.io.autoanalyst.instance=INFO", "--logging.level.io.autoanalyst.runtime=INFO");
    }

    static Api api(ConfigurableApplicationContext context) {
        return new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    /** A signed-in user's client for a new session, against {@code context}; {@link #on} points it at the other. */
    static Api newUserSession(ConfigurableApplicationContext context) {
        Api api = api(context);
        String unique = UUID.randomUUID().toString().substring(0, 8);
        Api.Response registered = api.post("/auth/register", Map.of("username", "scale-" + unique, "email",
                "scale-" + unique + "@example.org", "password", "correct horse"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return api.bearer(registered.json().path("token").asString()).session("auto_" + UUID.randomUUID());
    }

    /** The same caller and session, talking to another instance. */
    static Api on(ConfigurableApplicationContext context, Api client) {
        Api other = api(context);
        for (Map.Entry<String, String> header : client.headers().entrySet()) other = other.with(header.getKey(), header.getValue());
        return other;
    }

    private static Api.Response run(Api client, String code) {
        Api.Response response = client.post("/code/execute", Map.of("code", code));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }

    private static String output(Api.Response response) {
        return response.json().path("output").asString();
    }

    private static void uploadOrders(Api client) {
        String boundary = "----scale" + UUID.randomUUID().toString().replace("-", "");
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"orders.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nqty,price\n1,2.5\n2,3.5\n3,4.5\n\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\norders\r\n--" + boundary + "--\r\n";
        Api.Response response = client.send(client.builder("/upload_dataframe")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @Test
    @Order(1)
    void everyResponseNamesTheInstanceThatAnswered() {
        assertThat(api(a).get("/health").header("X-Autoanalyst-Instance")).isEqualTo("instance-a");
        assertThat(api(b).get("/health").header("X-Autoanalyst-Instance")).isEqualTo("instance-b");
    }

    @Test
    @Order(2)
    void aSessionSentBackAndForthBetweenLiveInstancesKeepsItsVariables() {
        Api onA = newUserSession(a);
        Api onB = on(b, onA);

        run(onA, "a = 1");
        assertThat(output(run(onB, "print('a is', a)"))).contains("a is 1");
        run(onA, "a += 1"); // A's own kernel is stale now: B ran code since
        assertThat(output(run(onB, "print('a is', a)"))).contains("a is 2");
    }

    @Test
    @Order(3)
    void aDatasetUploadedOnOneInstanceIsLoadedByAKernelOnTheOther() {
        Api onA = newUserSession(a);
        uploadOrders(onA); // its kernel copy may still be written on A: B waits on the marker in the shared folder

        assertThat(output(run(on(b, onA), "print('rows', len(df), 'qty', int(df['qty'].sum()))"))).contains("rows 3 qty 6");
    }

    @Test
    @Order(3)
    void guestCleanUpRunsOnceAcrossInstances() {
        boolean ranOnA = a.getBean(GuestSessionJanitor.class).purgeOnceAcrossInstances();
        boolean ranOnB = b.getBean(GuestSessionJanitor.class).purgeOnceAcrossInstances();

        assertThat(ranOnA).isTrue();
        assertThat(ranOnB).as("B's schedule fired within A's period").isFalse();
    }

    @Test
    @Order(3)
    void wrongPasswordsAlternatingBetweenInstancesAreThrottledAfterAsManyAsOnOneInstance() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String email = "guessed-" + unique + "@example.org";
        Api.Response registered = api(a).post("/auth/register", Map.of("username", "guessed-" + unique, "email", email,
                "password", "right-password"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String home = "198.51.100." + (1 + (int) (Math.random() * 250));
        assertThat(login(api(b), home, email, "right-password").status()).as("signed in on B from home").isEqualTo(200);

        String attacker = "203.0.113." + (1 + (int) (Math.random() * 250));
        int unauthorized = 0;
        Api.Response response;
        do {
            response = login(api(unauthorized % 2 == 0 ? a : b), attacker, email, "guess-" + unauthorized);
            if (response.status() == 401) unauthorized++;
        } while (response.status() == 401 && unauthorized < 30);

        assertThat(unauthorized).as("the default free-failures, counted once across both instances").isEqualTo(5);
        assertThat(response.status()).isEqualTo(429);
        assertThat(Integer.parseInt(response.header("Retry-After"))).isBetween(1, 60);
        assertThat(login(api(a), attacker, email, "right-password").status()).as("A waits too").isEqualTo(429);
        assertThat(login(api(b), attacker, email, "right-password").status()).as("B waits too").isEqualTo(429);
        assertThat(login(api(a), home, email, "right-password").status()).as("the address B saw sign in, on A").isEqualTo(200);
    }

    @Test
    @Order(3)
    void wrongPasswordsSentToBothInstancesAtTheSameMomentAllCount() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String email = "raced-" + unique + "@example.org";
        Api.Response registered = api(a).post("/auth/register", Map.of("username", "raced-" + unique, "email", email,
                "password", "right-password"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Integer>> attempts = new ArrayList<>();
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        for (int i = 0; i < 4; i++) {
            Api instance = api(i % 2 == 0 ? a : b);
            String address = "192.0.2." + (10 + i);
            attempts.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return login(instance, address, email, "wrong").status();
            }, clients));
        }
        go.countDown();
        clients.close();

        assertThat(attempts.stream().map(CompletableFuture::join).toList()).containsOnly(401);
        assertThat(a.getBean(JdbcClient.class).sql("SELECT failures FROM login_throttle WHERE account = ?")
                .param("user:" + registered.json().path("user_id").asLong()).query(Integer.class).single()).isEqualTo(4);
    }

    private static Api.Response login(Api client, String address, String email, String password) {
        return client.with("X-Forwarded-For", address).post("/auth/login", Map.of("email", email, "password", password));
    }

    /** DABench's layout with one question, written into the shared data folder. */
    private Path oneQuestionBenchmark() throws IOException {
        Path dir = Path.of(dataDir, "dabench-" + UUID.randomUUID());
        Files.createDirectories(dir.resolve("da-dev-tables"));
        Files.writeString(dir.resolve("da-dev-tables/mini.csv"), "x,y\n1,2.5\n2,3.5\n3,4.0\n");
        Files.writeString(dir.resolve("da-dev-questions.jsonl"), "{\"id\": 1, \"question\": \"What is the mean of x?\", "
                + "\"concepts\": [\"Summary Statistics\"], \"constraints\": \"Use pandas.\", \"format\": \"@mean_x[v]\", "
                + "\"file_name\": \"mini.csv\", \"level\": \"easy\"}\n");
        Files.writeString(dir.resolve("da-dev-labels.jsonl"), "{\"id\": 1, \"common_answers\": [[\"mean_x\", \"2.00\"]]}\n");
        return dir;
    }

    private static JsonNode listed(Api admin, long runId) {
        for (JsonNode run : admin.get("/api/evaluations").json()) {
            if (run.path("run_id").asLong() == runId) return run;
        }
        throw new AssertionError("run " + runId + " is not listed");
    }

    @Test
    @Order(3)
    void anEvaluationRunOnALiveInstanceIsRunningForBAndBCannotTakeIt() throws Exception {
        Path benchmark = oneQuestionBenchmark();
        CountDownLatch started = new CountDownLatch(1);
        // a run on A that stays at its first line until A has stopped: a run A is working on, as long as needed
        evaluationRun = a.getBean(EvaluationService.class).start(new EvaluationRequest(null, null, 1, null, benchmark, null, true),
                line -> {
                    if (line.event() != ProgressLine.Kind.STARTED) return;
                    started.countDown();
                    try {
                        evaluationOnA.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }).runId();
        assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
        Api adminOnB = api(b).with("X-Admin-API-Key", ApiTestBase.ADMIN_KEY);

        JsonNode run = listed(adminOnB, evaluationRun);
        assertThat(run.path("status").asString()).isEqualTo("running");
        assertThat(run.path("instance_id").asString()).isEqualTo("instance-a");
        assertThat(adminOnB.get("/api/evaluations/" + evaluationRun).json().path("status").asString()).isEqualTo("running");
        Api.Response resumed = adminOnB.post("/api/evaluations/dabench", Map.of("resume", evaluationRun));
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(409);
        assertThat(resumed.detail()).contains("running on server instance instance-a");
        Api.Response again = adminOnB.post("/api/evaluations/dabench", Map.of("data_dir", benchmark.toString()));
        assertThat(again.status()).as("the same questions again start a run of their own on B").isEqualTo(200);
        assertThat(again.body().lines().findFirst().orElseThrow()).doesNotContain("\"run_id\":" + evaluationRun + ",");
    }

    @Test
    @Order(4)
    void whenInstanceAStopsInstanceBRebuildsTheSessionByReplayingItsSuccessfulRuns() {
        Api onA = newUserSession(a);
        uploadOrders(onA);
        run(onA, "x = 41");
        Api.Response failed = run(onA, "open('note.txt', 'w').write('written by a failed run')\nraise RuntimeError('after writing')");
        assertThat(failed.json().path("is_successful").asBoolean(true)).isFalse();
        run(onA, "note = open('note.txt').read()"); // works on A only: the failed run that wrote the file is not replayed
        long chat = onA.post("/chats", null).json().path("chat_id").asLong();
        a.close();

        Api onB = on(b, onA);
        Api.Response answer = run(onB, "print(x + 1)\nprint('rows', len(df))");

        assertThat(answer.header("X-Autoanalyst-Instance")).isEqualTo("instance-b");
        String text = output(answer);
        assertThat(text).contains("42").contains("rows 3");
        assertThat(text).as("the run that cannot be replayed is reported, not hidden")
                .contains("earlier run 2 of 2 failed when run again").contains("FileNotFoundError");
        assertThat(output(run(onB, "print('note' in globals())"))).as("reported once, with the kernel's rebuild")
                .contains("False").doesNotContain("failed when run again");
        assertThat(onB.get("/chats").body()).contains("\"chat_id\":" + chat);
    }

    @Test
    @Order(5)
    void anEvaluationRunWhoseInstanceStoppedIsInterruptedAndBResumesIt() {
        evaluationOnA.countDown(); // A is closed: its run's thread finds it stopping and stores nothing
        Api adminOnB = api(b).with("X-Admin-API-Key", ApiTestBase.ADMIN_KEY);
        assertThat(listed(adminOnB, evaluationRun).path("status").asString()).isEqualTo("interrupted");

        Api.Response resumed = adminOnB.post("/api/evaluations/dabench", Map.of("resume", evaluationRun));

        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
        assertThat(resumed.body()).contains("\"event\":\"started\"").contains("Resuming run " + evaluationRun)
                .contains("\"event\":\"finished\"");
        assertThat(listed(adminOnB, evaluationRun).path("status").asString()).isEqualTo("finished");
    }
}
