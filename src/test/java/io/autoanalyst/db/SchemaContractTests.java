package io.autoanalyst.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoanalyst.support.ApiTestBase;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The schema migrated from empty, and the delete behaviour of the original's relations. */
abstract class SchemaContractTests extends ApiTestBase {

    static final List<String> TABLES = List.of("users", "api_tokens", "chats", "messages", "analysis_sessions", "datasets",
            "model_usage", "code_executions", "message_feedback", "deep_analysis_reports", "agent_templates",
            "user_template_preferences", "user_analytics");

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyTableExistsAfterMigratingFromEmpty() {
        for (String table : TABLES) {
            assertThat(jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single()).as(table).isNotNull();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE success = ?").param(true).query(Long.class).single())
                .isPositive();
    }

    @Test
    void deletingAChatKeepsItsUsageRowsWithTheChatNulledAndRemovesItsMessages() {
        long user = insertUser("del");
        long chat = jdbc.sql("INSERT INTO chats (user_id, title) VALUES (?, 'x') RETURNING chat_id").param(user).query(Long.class).single();
        long message = jdbc.sql("INSERT INTO messages (chat_id, sender, content) VALUES (?, 'user', 'hi') RETURNING message_id")
                .param(chat).query(Long.class).single();
        jdbc.sql("INSERT INTO message_feedback (message_id, rating) VALUES (?, 5)").param(message).update();
        jdbc.sql("INSERT INTO code_executions (message_id, chat_id, user_id, is_successful) VALUES (?, ?, ?, ?)")
                .params(message, chat, user, true).update();
        long usage = jdbc.sql("INSERT INTO model_usage (user_id, chat_id, model_name, provider) VALUES (?, ?, 'm', 'p') RETURNING usage_id")
                .params(user, chat).query(Long.class).single();

        jdbc.sql("DELETE FROM chats WHERE chat_id = ?").param(chat).update();

        assertThat(jdbc.sql("SELECT count(*) FROM model_usage WHERE usage_id = ? AND chat_id IS NULL").param(usage).query(Long.class).single()).isEqualTo(1);
        assertThat(count("messages WHERE chat_id = " + chat)).isZero();
        assertThat(count("message_feedback WHERE message_id = " + message)).isZero();
        assertThat(count("code_executions WHERE chat_id = " + chat)).isZero();
    }

    @Test
    void deletingAUserCascadesToTheirRecordsButKeepsUsageAnonymised() {
        long user = insertUser("gone");
        jdbc.sql("INSERT INTO chats (user_id, title) VALUES (?, 'x')").param(user).update();
        jdbc.sql("INSERT INTO analysis_sessions (session_id, user_id) VALUES (?, ?)").params("s-" + user, user).update();
        long usage = jdbc.sql("INSERT INTO model_usage (user_id, model_name, provider) VALUES (?, 'm', 'p') RETURNING usage_id")
                .param(user).query(Long.class).single();

        jdbc.sql("DELETE FROM users WHERE user_id = ?").param(user).update();

        assertThat(count("chats WHERE user_id = " + user)).isZero();
        assertThat(count("analysis_sessions WHERE user_id = " + user)).isZero();
        assertThat(count("model_usage WHERE usage_id = " + usage + " AND user_id IS NULL")).isEqualTo(1);
    }

    @Test
    void foreignKeysAreEnforced() {
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO messages (chat_id, sender, content) VALUES (999999, 'user', 'x')").update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aTemplatePreferenceIsUniquePerUserAndTemplate() {
        long user = insertUser("pref");
        long template = jdbc.sql("INSERT INTO agent_templates (template_name, description, prompt_template) VALUES (?, 'd', 'p') RETURNING template_id")
                .param("t" + user).query(Long.class).single();
        jdbc.sql("INSERT INTO user_template_preferences (user_id, template_id) VALUES (?, ?)").params(user, template).update();
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO user_template_preferences (user_id, template_id) VALUES (?, ?)").params(user, template).update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void timestampsRoundTripExactlyToTheMillisecond() {
        Instant when = Instant.parse("2026-03-04T05:06:07.891Z");
        long user = jdbc.sql("INSERT INTO users (username, email, created_at) VALUES ('t', ?, ?) RETURNING user_id")
                .params("ts" + System.nanoTime() + "@x.org", Timestamp.from(when)).query(Long.class).single();
        Timestamp read = jdbc.sql("SELECT created_at FROM users WHERE user_id = ?").param(user).query(Timestamp.class).single();
        assertThat(read.toInstant()).isEqualTo(when);
    }

    @Test
    void databaseDefaultTimestampsAreReadableAndCurrent() {
        long user = insertUser("def");
        Timestamp created = jdbc.sql("SELECT created_at FROM users WHERE user_id = ?").param(user).query(Timestamp.class).single();
        assertThat(created.toInstant()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
    }

    /** A database of this kind nobody has migrated yet. */
    abstract String freshDatabaseUrl();

    @Test
    void migratingDuplicateUsernamesKeepsTheNameWithTheAccountThatCanSignIn() {
        DatabaseUrl url = DatabaseUrl.parse(freshDatabaseUrl(), null);
        String folder = url.vendor() == DatabaseUrl.Vendor.SQLITE ? "sqlite" : "postgresql";
        var flyway = org.flywaydb.core.Flyway.configure()
                .dataSource(url.jdbcUrl(), url.username(), url.password())
                .locations("classpath:db/migration/" + folder);
        // every migration before V4, whichever of V2 and V3 exist
        String beforeV4 = java.util.Arrays.stream(flyway.load().info().all())
                .map(m -> m.getVersion()).filter(v -> v.compareTo(org.flywaydb.core.api.MigrationVersion.fromVersion("4")) < 0)
                .max(Comparable::compareTo).orElseThrow().getVersion();
        flyway.target(beforeV4).load().migrate();
        JdbcClient old = JdbcClient.create(new org.springframework.jdbc.datasource.SingleConnectionDataSource(
                url.jdbcUrl(), url.username(), url.password(), true));
        String insert = "INSERT INTO users (username, email, password_hash, is_guest) VALUES (?, ?, ?, ?) RETURNING user_id";
        long squatter = old.sql(insert).params("Ann", "squat@example.org", null, false).query(Long.class).single();
        long owner = old.sql(insert).params("ann", "ann@example.org", "{bcrypt}x", false).query(Long.class).single();
        long later = old.sql(insert).params("ANN", "ann2@example.org", "{bcrypt}y", false).query(Long.class).single();
        long guestA = old.sql(insert).params("guest", "g1@guest.invalid", null, true).query(Long.class).single();
        long guestB = old.sql(insert).params("guest", "g2@guest.invalid", null, true).query(Long.class).single();

        flyway.target("latest").load().migrate();

        java.util.function.LongFunction<String> name = id -> old.sql("SELECT username FROM users WHERE user_id = ?")
                .param(id).query(String.class).single();
        assertThat(name.apply(owner)).isEqualTo("ann");
        assertThat(name.apply(squatter)).isEqualTo("Ann (duplicate " + squatter + ")");
        assertThat(name.apply(later)).isEqualTo("ANN (duplicate " + later + ")");
        assertThat(name.apply(guestA)).isEqualTo(name.apply(guestB)).isEqualTo("guest");
        assertThatThrownBy(() -> old.sql(insert).params("aNN", "ann3@example.org", "{bcrypt}z", false).query(Long.class).single())
                .hasMessageContaining("ux_users_registered_username");
    }

    private long insertUser(String name) {
        return jdbc.sql("INSERT INTO users (username, email) VALUES (?, ?) RETURNING user_id")
                .params(name, name + System.nanoTime() + "@example.org").query(Long.class).single();
    }

    private long count(String fromWhere) {
        return jdbc.sql("SELECT count(*) FROM " + fromWhere).query(Long.class).single();
    }
}
