package io.autoanalyst.support;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * HTTP tests against a running server. Concrete classes choose the database with
 * {@link SqliteApi} or {@link PostgresApi}; tests share that server, so they create their own
 * users and sessions rather than counting on an empty database.
 */
public abstract class ApiTestBase {

    public static final String ADMIN_KEY = "test-admin-key-123";

    @LocalServerPort
    int port;

    protected Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    /** Registers a new user with a unique email and username (names are unique) and returns a client carrying their token. */
    protected Api signedInUser(String name) {
        String unique = name + "-" + UUID.randomUUID();
        Api.Response response = api.post("/auth/register",
                Map.of("username", unique, "email", unique + "@example.org", "password", "correct horse"));
        if (response.status() != 201) {
            throw new AssertionError("register failed: " + response);
        }
        return api.bearer(response.json().path("token").asString());
    }

    protected JsonNode me(Api client) {
        return client.get("/auth/me").json();
    }

    /** A session id of the form the original frontend makes: {@code auto_<epoch-ms>_<9 random base36 characters>}. */
    public static String newSessionId() {
        String random = Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36 * 36 * 36,
                36L * 36 * 36 * 36 * 36 * 36 * 36 * 36 * 36), 36);
        return "auto_" + System.currentTimeMillis() + "_" + random;
    }
}
