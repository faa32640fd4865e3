package io.autoanalyst.instance;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.AutoAnalystApplication;
import io.autoanalyst.session.GuestSessionJanitor;
import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.SqliteDatabase;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two server instances on one database and one shared data folder, as behind a load balancer: a
 * session's kernel state follows the session from one instance to the other by replay. The tests
 * run in order on the same pair; the last one stops instance A. Run once per database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class TwoInstancesTests {

    private final String databaseUrl = newDatabaseUrl();
    private final String dataDir = SqliteDatabase.newFolder().toString();
    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;

    /** A new empty database both instances use. */
    abstract String newDatabaseUrl();

    @BeforeAll
    void startBoth() {
        a = start("instance-a");
        b = start("instance-b");
    }

    @AfterAll
    void stopBoth() {
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

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    /** A signed-in user's client for a new session, against {@code context}; {@link #on} points it at the other. */
    private static Api newUserSession(ConfigurableApplicationContext context) {
        Api api = api(context);
        String unique = UUID.randomUUID().toString().substring(0, 8);
        Api.Response registered = api.post("/auth/register", Map.of("username", "scale-" + unique, "email",
                "scale-" + unique + "@example.org", "password", "correct horse"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return api.bearer(registered.json().path("token").asString()).session("auto_" + UUID.randomUUID());
    }

    /** The same caller and session, talking to another instance. */
    private static Api on(ConfigurableApplicationContext context, Api client) {
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
}
