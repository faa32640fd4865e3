package io.autoanalyst.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.PostgresApi;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A whole chat turn on PostgreSQL: datasets, kernel, usage rows, code records and saved messages. */
@PostgresApi
class PostgresChatTurnTest extends ApiTestBase {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSavedTurnWritesMessagesUsageAndCodeRecords() {
        String session = newSessionId();
        Api ann = signedInUser("ann").session(session);
        long chat = ann.post("/chats", null).json().path("chat_id").asLong();
        Api.Response response = ann.post("/chat?chat_id=" + chat + "&save=true", Map.of("query", "What is the average price by furnishingstatus?"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("5514286", "\"turn_complete\"");

        assertThat(ann.get("/chats/" + chat).json().path("messages")).hasSize(2);
        assertThat(jdbc.sql("SELECT count(*) FROM model_usage WHERE session_id = ? AND provider = 'offline'").param(session)
                .query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM code_executions WHERE session_id = ? AND is_successful = ?").params(session, true)
                .query(Long.class).single()).isEqualTo(1);
    }
}
