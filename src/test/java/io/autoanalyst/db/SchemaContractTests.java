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

    private long insertUser(String name) {
        return jdbc.sql("INSERT INTO users (username, email) VALUES (?, ?) RETURNING user_id")
                .params(name, name + System.nanoTime() + "@example.org").query(Long.class).single();
    }

    private long count(String fromWhere) {
        return jdbc.sql("SELECT count(*) FROM " + fromWhere).query(Long.class).single();
    }
}
