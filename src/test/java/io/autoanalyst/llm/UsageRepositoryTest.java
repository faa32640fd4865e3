package io.autoanalyst.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageRepositoryTest {

    @TempDir
    Path dir;

    private SqliteTestDatabase db;
    private UsageRepository repository;
    private final ModelRegistry registry = new ModelRegistryLoader().loadBuiltIn();

    @BeforeEach
    void setUp() throws Exception {
        db = new SqliteTestDatabase(dir);
        repository = new UsageRepository(db.jdbc);
    }

    @Test
    void aRowRoundTripsWithEveryColumn() {
        long user = db.insertUser("ada");
        long chat = db.insertChat(user);
        Instant at = Instant.parse("2026-05-01T10:15:30.123Z");
        UsageRecord stored = repository.insert(new UsageRecord(null, user, chat, "s-1", "gpt-5-mini", "openai",
                "statistical_analytics_agent", 1234, 567, 1801, 4000, 900, new BigDecimal("0.0014425"), at, false, 842,
                true, null));

        assertThat(stored.usageId()).isPositive();
        assertThat(repository.findById(stored.usageId())).contains(stored);
    }

    @Test
    void anonymousFailedCallsAreStoredWithTheirError() {
        UsageRecord stored = repository.insert(new UsageRecord(null, null, null, null, "claude-sonnet-4-6", "anthropic",
                "planner", 0, 0, 0, 10, 0, BigDecimal.ZERO.setScale(7), Instant.parse("2026-05-01T10:15:30Z"), false, 3,
                false, "The anthropic API rejected the server's API key (HTTP 401)."));

        UsageRecord read = repository.findById(stored.usageId()).orElseThrow();
        assertThat(read.successful()).isFalse();
        assertThat(read.errorMessage()).contains("HTTP 401");
        assertThat(read.userId()).isNull();
    }

    @Test
    void aRowForAChatThatDoesNotExistIsRefused() {
        // The original gave sessions random chat ids that could collide or violate the FK; here the FK holds.
        assertThatThrownBy(() -> repository.insert(new UsageRecord(null, null, 999_999L, "s", "gpt-5-mini", "openai",
                "a", 1, 1, 2, 1, 1, BigDecimal.ZERO, Instant.now(), false, 1, true, null)))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void theRecorderCostsRowsFromTheRegistryPrices() {
        long user = db.insertUser("bob");
        Clock clock = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
        UsageRecorder recorder = new UsageRecorder(repository, registry, clock);

        UsageRecord row = recorder.record(registry.resolve("claude-sonnet-4-6"),
                new CallContext(user, null, "s-2", null, "sk-user-secret"), "data_viz_agent",
                UsageRecorder.Outcome.success(new TokenCounts(2000, 1000, 3000), 8000, 4000, Duration.ofMillis(1500)))
                .orElseThrow();

        // 2000 * 3 / 1e6 + 1000 * 15 / 1e6
        assertThat(row.cost()).isEqualByComparingTo("0.021");
        assertThat(repository.findById(row.usageId()).orElseThrow())
                .satisfies(r -> {
                    assertThat(r.agentName()).isEqualTo("data_viz_agent");
                    assertThat(r.provider()).isEqualTo("anthropic");
                    assertThat(r.timestamp()).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
                    assertThat(r.requestTimeMs()).isEqualTo(1500);
                });
    }
}
