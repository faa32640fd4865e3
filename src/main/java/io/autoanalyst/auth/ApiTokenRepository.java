package io.autoanalyst.auth;

import io.autoanalyst.db.SqlTime;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for api_tokens. Only hashes of tokens are stored. */
@Repository
public class ApiTokenRepository {

    private final JdbcClient jdbc;

    public ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(long userId, String tokenHash, Instant now, Instant expiresAt) {
        return jdbc.sql("INSERT INTO api_tokens (user_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?) RETURNING token_id")
                .params(userId, tokenHash, SqlTime.of(now), SqlTime.of(expiresAt))
                .query(Long.class)
                .single();
    }

    /** The live token with this hash: not revoked, not expired. */
    public Optional<AuthenticatedUser> findLive(String tokenHash, Instant now) {
        return jdbc.sql("SELECT token_id, user_id FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?")
                .params(tokenHash, SqlTime.of(now))
                .query((rs, i) -> new AuthenticatedUser(rs.getLong("user_id"), rs.getLong("token_id")))
                .optional();
    }

    public void revoke(long tokenId, Instant now) {
        jdbc.sql("UPDATE api_tokens SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL")
                .params(SqlTime.of(now), tokenId)
                .update();
    }
}
