package io.autoanalyst.auth;

import io.autoanalyst.db.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the users table. */
@Repository
public class UserRepository {

    private static final String COLUMNS = "user_id, username, email, is_guest, created_at";

    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public User insert(String username, String email, String passwordHash, boolean guest, Instant now) {
        long id = jdbc.sql("INSERT INTO users (username, email, password_hash, is_guest, created_at) VALUES (?, ?, ?, ?, ?) RETURNING user_id")
                .params(username, email, passwordHash, guest, SqlTime.of(now))
                .query(Long.class)
                .single();
        return new User(id, username, email, guest, now);
    }

    public Optional<User> findById(long userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE user_id = ?")
                .param(userId)
                .query(UserRepository::map)
                .optional();
    }

    public Optional<User> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE lower(email) = lower(?)")
                .param(email)
                .query(UserRepository::map)
                .optional();
    }

    /** The registered user with this name, ignoring case (names are unique that way, see migration V4). */
    public Optional<User> findByUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE lower(username) = lower(?) AND is_guest = ? ORDER BY user_id LIMIT 1")
                .params(username, false)
                .query(UserRepository::map)
                .optional();
    }

    public Optional<String> passwordHash(long userId) {
        return jdbc.sql("SELECT password_hash FROM users WHERE user_id = ?")
                .param(userId)
                .query((rs, i) -> Optional.ofNullable(rs.getString(1)))
                .optional()
                .flatMap(hash -> hash);
    }

    static User map(ResultSet rs, int row) throws SQLException {
        return new User(rs.getLong("user_id"), rs.getString("username"), rs.getString("email"),
                rs.getBoolean("is_guest"), SqlTime.read(rs, "created_at"));
    }
}
