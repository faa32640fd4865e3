package io.autoanalyst.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * A person using the server. A guest was created for an anonymous analysis session and has no
 * password; it can be reached only through that session.
 */
public record User(long userId, String username, String email, boolean guest, Instant createdAt) {
    public User {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
    }
}
