package io.autoanalyst.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP contract of the foundation: accounts, guests, sessions, ownership, admin key, errors.
 * Runs once per database (see the SQLite and PostgreSQL subclasses).
 */
abstract class ApiContractTests extends ApiTestBase {

    @Autowired
    JdbcClient jdbc;

    // --- accounts ---

    @Test
    void registerLoginMeLogout() {
        String email = "ann-" + System.nanoTime() + "@example.org";
        Api.Response registered = api.post("/auth/register", Map.of("username", "ann-" + System.nanoTime(), "email", email, "password", "s3cret-pass"));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.json().path("token").asString()).startsWith("aa_");
        assertThat(registered.json().path("token_type").asString()).isEqualTo("bearer");

        Api.Response login = api.post("/auth/login", Map.of("email", email, "password", "s3cret-pass"));
        assertThat(login.status()).isEqualTo(200);
        Api ann = api.bearer(login.json().path("token").asString());

        Api.Response me = ann.get("/auth/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("email").asString()).isEqualTo(email);
        assertThat(me.json().path("user_id").asLong()).isEqualTo(registered.json().path("user_id").asLong());
        assertThat(me.json().has("password_hash")).isFalse();

        assertThat(ann.post("/auth/logout", null).status()).isEqualTo(200);
        Api.Response afterLogout = ann.get("/auth/me");
        assertThat(afterLogout.status()).isEqualTo(401);
        assertThat(afterLogout.detail()).contains("log in again");
    }

    @Test
    void loginAcceptsTheUsernameToo() {
        String name = "bob" + System.nanoTime();
        api.post("/auth/register", Map.of("username", name, "email", name + "@example.org", "password", "s3cret-pass"));
        assertThat(api.post("/auth/login", Map.of("username", name, "password", "s3cret-pass")).status()).isEqualTo(200);
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        String email = "carl-" + System.nanoTime() + "@example.org";
        api.post("/auth/register", Map.of("username", "carl-" + System.nanoTime(), "email", email, "password", "s3cret-pass"));
        Api.Response wrongPassword = api.post("/auth/login", Map.of("email", email, "password", "nope-nope"));
        Api.Response unknownEmail = api.post("/auth/login", Map.of("email", "nobody@example.org", "password", "nope-nope"));
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(wrongPassword.detail()).isEqualTo(unknownEmail.detail()).isEqualTo("Invalid email or password");
    }

    @Test
    void duplicateEmailIsAConflict() {
        String email = "dup-" + System.nanoTime() + "@example.org";
        api.post("/auth/register", Map.of("username", "a-" + System.nanoTime(), "email", email, "password", "s3cret-pass"));
        Api.Response again = api.post("/auth/register", Map.of("username", "b-" + System.nanoTime(), "email", email.toUpperCase(), "password", "s3cret-pass"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.detail()).contains("already exists");
    }

    @Test
    void registrationValidatesEachField() {
        Api.Response response = api.post("/auth/register", Map.of("username", "", "email", "not-an-email", "password", "short"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.detail()).contains("email:").contains("password:").contains("username:");
    }

    @Test
    void tokensAreStoredOnlyAsHashes() {
        String email = "hash-" + System.nanoTime() + "@example.org";
        String token = api.post("/auth/register", Map.of("username", "h-" + System.nanoTime(), "email", email, "password", "s3cret-pass"))
                .json().path("token").asString();
        List<String> stored = jdbc.sql("SELECT token_hash FROM api_tokens").query(String.class).list();
        assertThat(stored).isNotEmpty().doesNotContain(token).allSatisfy(hash -> assertThat(hash).hasSize(64));
        String passwordHash = jdbc.sql("SELECT password_hash FROM users WHERE email = ?").param(email).query(String.class).single();
        assertThat(passwordHash).doesNotContain("s3cret-pass").startsWith("{bcrypt}");
    }

    @Test
    void aGarbageTokenIsRefusedNotTreatedAsAGuest() {
        Api.Response response = api.bearer("aa_not-a-real-token").session(newSessionId()).get("/api/session-info");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
    }

    @Test
    void meWithoutATokenAsksToSignIn() {
        Api.Response response = api.get("/auth/me");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.detail()).contains("Bearer");
    }

    // --- sessions and guests ---

    @Test
    void aRouteThatNeedsASessionAnswersTheOriginalText() {
        Api.Response response = api.get("/api/session-info");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.detail()).isEqualTo("Session ID required");
    }

    @Test
    void guestFlowLikeTheOriginalFrontend() {
        // The frontend invents an id after "Session ID required" and initialises it.
        String id = newSessionId();
        Api.Response init = api.session(id).post("/initialize-session",
                Map.of("session_id", id, "user_id", 0, "user_email", "", "user_name", "Anonymous"));
        assertThat(init.status()).isEqualTo(200);
        assertThat(init.json().path("status").asString()).isEqualTo("success");
        assertThat(init.json().path("session_id").asString()).isEqualTo(id);
        long guestId = init.json().path("user_id").asLong();
        assertThat(guestId).isPositive();

        Api.Response info = api.session(id).get("/api/session-info");
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().path("session_id").asString()).isEqualTo(id);
        assertThat(info.json().path("has_session").asBoolean()).isTrue();
        assertThat(info.json().path("default_name").asString()).isEqualTo("Housing.csv");
        assertThat(jdbc.sql("SELECT is_guest FROM users WHERE user_id = ?").param(guestId).query(Boolean.class).single()).isTrue();
    }

    @Test
    void clientSentUserIdIsNeverTrusted() {
        Api alice = signedInUser("alice");
        long aliceId = me(alice).path("user_id").asLong();
        String id = newSessionId();
        Api.Response init = api.post("/initialize-session", Map.of("session_id", id, "user_id", aliceId));
        assertThat(init.json().path("user_id").asLong()).isNotEqualTo(aliceId);
        // and Alice does not see this guest session
        assertThat(alice.session(id).get("/api/session-info").status()).isEqualTo(404);
    }

    @Test
    void generateSessionCreatesAnOwnedSession() {
        Api alice = signedInUser("alice");
        Api.Response generated = alice.post("/generate-session", null);
        assertThat(generated.status()).isEqualTo(200);
        assertThat(generated.json().path("message").asString()).isEqualTo("Session created successfully");
        String id = generated.json().path("session_id").asString();
        assertThat(alice.session(id).get("/api/session-info").status()).isEqualTo(200);
        assertThat(api.session(id).get("/api/session-info").status()).isEqualTo(404);
    }

    @Test
    void anotherUsersSessionIsNotFound() {
        Api alice = signedInUser("alice");
        Api bob = signedInUser("bob");
        String id = newSessionId();
        assertThat(alice.session(id).get("/api/session-info").status()).isEqualTo(200);

        Api.Response asBob = bob.session(id).get("/api/session-info");
        assertThat(asBob.status()).isEqualTo(404);
        assertThat(asBob.detail()).isEqualTo("Session not found");
        assertThat(bob.post("/initialize-session", Map.of("session_id", id)).status()).isEqualTo(404);
        assertThat(api.session(id).get("/api/session-info").status()).as("anonymous").isEqualTo(404);
        assertThat(api.get("/api/session-info?session_id=" + id).status()).as("query parameter").isEqualTo(404);
    }

    @Test
    void aGuestSessionIsNotOpenToASignedInUser() {
        String id = newSessionId();
        assertThat(api.session(id).get("/api/session-info").status()).isEqualTo(200);
        assertThat(signedInUser("eve").session(id).get("/api/session-info").status()).isEqualTo(404);
    }

    @Test
    void sessionIdMayComeFromTheQueryString() {
        String id = newSessionId();
        Api.Response response = api.get("/api/session-info?session_id=" + id);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("session_id").asString()).isEqualTo(id);
    }

    @Test
    void aGuessableSessionIdIsRefusedNamingTheExpectedForm() {
        for (String weak : List.of("1", "a", "demo", "auto_1_restart", "session-1", "auto_" + System.currentTimeMillis() + "_abc",
                "00000000-0000-0000-0000-000000000000", "h-" + "ab".repeat(32))) {
            Api.Response read = api.session(weak).get("/api/session-info");
            assertThat(read.status()).as(weak).isEqualTo(400);
            assertThat(read.detail()).as(weak).contains("auto_<epoch-ms>_<9 random base36 characters>").contains("UUID");
            assertThat(api.post("/initialize-session", Map.of("session_id", weak)).status()).as(weak).isEqualTo(400);
            assertThat(signedInUser("gus").session(weak).get("/api/session-info").status()).as(weak).isEqualTo(400);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM analysis_sessions WHERE session_id IN ('1', 'a', 'demo')").query(Long.class).single())
                .isZero();
    }

    @Test
    void theOriginalFrontendsIdsUuidsAndIssuedIdsOpenSessions() {
        String millis = Long.toString(System.currentTimeMillis());
        String issued = api.post("/generate-session", null).json().path("session_id").asString();
        for (String id : List.of(newSessionId(), "user_42_" + millis + "_" + newSessionId().substring(19),
                java.util.UUID.randomUUID().toString(), "auto_" + java.util.UUID.randomUUID(), issued)) {
            assertThat(api.session(id).get("/api/session-info").status()).as(id).isEqualTo(200);
        }
    }

    @Test
    void aSignedInUsersSessionFromBeforeUnguessableIdsStillOpensWithTheirToken() {
        Api alice = signedInUser("alice");
        long aliceId = me(alice).path("user_id").asLong();
        String legacy = "legacy-" + aliceId;
        jdbc.sql("INSERT INTO analysis_sessions (session_id, user_id) VALUES (?, ?)").params(legacy, aliceId).update();
        assertThat(alice.session(legacy).get("/api/session-info").status()).isEqualTo(200);
        assertThat(api.session(legacy).get("/api/session-info").status()).as("anonymous").isEqualTo(400);
        assertThat(signedInUser("mallory").session(legacy).get("/api/session-info").status()).as("another user").isEqualTo(400);
    }

    @Test
    void malformedSessionIdIsRejected() {
        Api.Response response = api.session("../../etc/passwd").get("/api/session-info");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.detail()).contains("Invalid session ID");
    }

    @Test
    void concurrentFirstRequestsOnOneNewSessionAgreeOnOneOwner() throws Exception {
        String id = newSessionId();
        Api alice = signedInUser("alice");
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(() -> alice.session(id).get("/api/session-info").status());
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (Future<Integer> status : pool.invokeAll(calls)) {
                assertThat(status.get()).isEqualTo(200);
            }
        }
        assertThat(jdbc.sql("SELECT count(*) FROM analysis_sessions WHERE session_id = ?").param(id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void manyGuestsAtOnceDoNotLockTheDatabase() throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add(() -> api.post("/generate-session", null).status());
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (Future<Integer> status : pool.invokeAll(calls)) {
                assertThat(status.get()).isEqualTo(200);
            }
        }
    }

    // --- compatibility user route ---

    @Test
    void chatsUsersNeverRevealsNorCreatesAnotherAccount() {
        String name = "victor" + System.nanoTime();
        String email = name + "@example.org";
        long victim = api.post("/auth/register", Map.of("username", name, "email", email, "password", "s3cret-pass"))
                .json().path("user_id").asLong();
        String session = newSessionId();
        long guest = api.session(session).post("/initialize-session", Map.of()).json().path("user_id").asLong();

        Api.Response asGuest = api.session(session).post("/chats/users", Map.of("username", name, "email", email));
        assertThat(asGuest.status()).isEqualTo(200);
        assertThat(asGuest.json().path("user_id").asLong()).isEqualTo(guest).isNotEqualTo(victim);
        assertThat(asGuest.body()).doesNotContain(email).doesNotContain(name);
        assertThat(api.post("/chats/users", Map.of("username", name, "email", email)).detail()).isEqualTo("Session ID required");

        // claiming an email or a name there no longer blocks or shadows its owner
        String later = "later" + System.nanoTime();
        api.session(newSessionId()).post("/chats/users", Map.of("username", later, "email", later + "@example.org"));
        assertThat(jdbc.sql("SELECT count(*) FROM users WHERE email = ? OR username = ?").params(later + "@example.org", later)
                .query(Long.class).single()).isZero();
        assertThat(api.post("/auth/register", Map.of("username", later, "email", later + "@example.org", "password", "s3cret-pass"))
                .status()).isEqualTo(201);
    }

    @Test
    void usernamesAreUniqueWhateverTheirCase() {
        String name = "Zed" + System.nanoTime();
        assertThat(api.post("/auth/register", Map.of("username", name, "email", name + "@example.org", "password", "s3cret-pass"))
                .status()).isEqualTo(201);
        Api.Response again = api.post("/auth/register",
                Map.of("username", name.toLowerCase(), "email", "other-" + name + "@example.org", "password", "other-pass"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.detail()).contains("username is taken");
        assertThat(api.post("/auth/login", Map.of("username", name.toUpperCase(), "password", "s3cret-pass")).status()).isEqualTo(200);
    }

    @Test
    void chatsUsersReturnsTheSignedInCallerWhateverTheBodySays() {
        Api grace = signedInUser("grace");
        JsonNode self = me(grace);
        Api.Response response = grace.post("/chats/users", Map.of("username", "x", "email", "someone-else@example.org"));
        assertThat(response.json().path("user_id").asLong()).isEqualTo(self.path("user_id").asLong());
    }

    // --- admin key ---

    @Test
    void adminRouteRefusesMissingWrongAndQueryStringKeys() {
        assertThat(api.get("/actuator/prometheus").status()).isEqualTo(403);
        Api.Response wrong = api.with("X-Admin-API-Key", "wrong").get("/actuator/prometheus");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.detail()).isEqualTo("Invalid or missing admin API key");
        Api.Response inQuery = api.get("/actuator/prometheus?admin_api_key=" + ADMIN_KEY);
        assertThat(inQuery.status()).isEqualTo(403);
        assertThat(inQuery.detail()).contains("not accepted in the query string");
        Api.Response right = api.with("X-Admin-API-Key", ADMIN_KEY).get("/actuator/prometheus");
        assertThat(right.status()).isEqualTo(200);
        assertThat(right.body()).contains("http_server_requests");
    }

    // --- errors ---

    @Test
    void malformedJsonIsABadRequestThatSaysWhere() {
        Api.Response response = api.postRaw("/auth/login", "{\"email\": \"a@b.c\", ", "application/json");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).contains("application/problem+json");
        assertThat(response.detail()).startsWith("Malformed JSON at line 1");
    }

    @Test
    void wrongTypeIsABadRequestThatNamesTheField() {
        Api.Response response = api.post("/auth/login", Map.of("email", List.of("a"), "password", "x"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.detail()).contains("'email'").contains("a string");
    }

    @Test
    void missingBodyIsABadRequest() {
        Api.Response response = api.postRaw("/auth/login", "", "application/json");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.detail()).isNotBlank();
    }

    @Test
    void oversizedBodyIsRefusedBeforeReading() {
        String big = "{\"email\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}";
        Api.Response response = api.postRaw("/auth/login", big, "application/json");
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.detail()).contains("larger than the limit");
    }

    @Test
    void unknownRouteIsAProblemNotAWhitelabelPage() {
        Api.Response response = api.get("/no/such/route");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("status").asInt()).isEqualTo(404);
    }

    @Test
    void wrongMethodIsAProblem() {
        Api.Response response = api.send(api.builder("/health").DELETE());
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.detail()).isNotBlank();
    }

    // --- service routes ---

    @Test
    void healthAndWelcomeKeepTheOriginalBodies() {
        assertThat(api.get("/health").json().path("message").asString()).isEqualTo("API is healthy and running");
        JsonNode welcome = api.get("/").json();
        assertThat(welcome.path("title").isString()).isTrue();
        assertThat(welcome.path("colors").path("primary").asString()).startsWith("#");
        assertThat(welcome.path("features")).hasSize(5);
    }

    @Test
    void readinessTouchesTheDatabase() {
        Api.Response readiness = api.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("status").asString()).isEqualTo("UP");
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
    }

    @Test
    void everyResponseCarriesARequestId() {
        assertThat(api.get("/health").header("X-Request-ID")).isNotBlank();
        assertThat(api.with("X-Request-ID", "trace-42").get("/health").header("X-Request-ID")).isEqualTo("trace-42");
    }

    @Test
    void corsPreflightAllowsTheHeadersTheOriginalFrontendSends() {
        Api.Response preflight = api.send(api.builder("/chat")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers",
                        "content-type,x-session-id,x-admin-api-key,authorization,cache-control,access-control-allow-origin"));
        assertThat(preflight.status()).isEqualTo(200);
        String allowed = preflight.header("Access-Control-Allow-Headers").toLowerCase();
        assertThat(allowed).contains("x-session-id", "cache-control", "access-control-allow-origin", "authorization", "x-admin-api-key");
        assertThat(preflight.header("Access-Control-Allow-Origin")).isIn("*", "http://localhost:3000");
    }

    @Test
    void apiDocsAreServed() {
        Api.Response docs = api.get("/openapi.json");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/auth/login")).isTrue();
        JsonNode sessionInfo = docs.json().path("paths").path("/api/session-info").path("get");
        assertThat(sessionInfo.path("parameters").toString()).contains("X-Session-ID");
        assertThat(sessionInfo.has("requestBody")).isFalse();
        // The streamed upload route reads its body itself: its form is still documented, with the original's field names.
        JsonNode upload = docs.json().path("paths").path("/upload_dataframe").path("post");
        assertThat(upload.path("requestBody").path("content").has("multipart/form-data")).isTrue();
        assertThat(docs.json().path("components").path("schemas").path("DataframeUploadForm").path("properties").properties())
                .extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("file", "name", "description", "columns", "fill_nulls", "convert_types");
        assertThat(api.get("/docs").status()).isIn(200, 302);
    }
}
