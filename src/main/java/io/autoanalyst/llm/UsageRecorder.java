package io.autoanalyst.llm;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one {@code model_usage} row per model response or failed call, whichever feature made it, with the
 * provider's token counts and the cost from the registry prices.
 */
public class UsageRecorder {

    private static final Logger log = LoggerFactory.getLogger(UsageRecorder.class);

    private final UsageRepository repository;
    private final ModelRegistry registry;
    private final Clock clock;
    private final Consumer<UsageRecorded> listener;

    public UsageRecorder(UsageRepository repository, ModelRegistry registry, Clock clock) {
        this(repository, registry, clock, event -> { });
    }

    /** @param listener told about every stored row (the application's event bus in the server) */
    public UsageRecorder(UsageRepository repository, ModelRegistry registry, Clock clock, Consumer<UsageRecorded> listener) {
        this.repository = requireNonNull(repository, "repository");
        this.registry = requireNonNull(registry, "registry");
        this.clock = requireNonNull(clock, "clock");
        this.listener = requireNonNull(listener, "listener");
    }

    /** What happened in one call, as far as accounting is concerned. */
    public record Outcome(TokenCounts tokens, int querySize, int responseSize, Duration elapsed, boolean streaming,
                          String errorMessage) {
        public Outcome {
            requireNonNull(tokens, "tokens");
            requireNonNull(elapsed, "elapsed");
        }

        public static Outcome success(TokenCounts tokens, int querySize, int responseSize, Duration elapsed) {
            return new Outcome(tokens, querySize, responseSize, elapsed, false, null);
        }

        public static Outcome failure(TokenCounts tokens, int querySize, int responseSize, Duration elapsed,
                                      String errorMessage) {
            return new Outcome(tokens, querySize, responseSize, elapsed, false,
                    requireNonNull(errorMessage, "errorMessage"));
        }
    }

    /**
     * Records the call. A failure to store the row is logged, not thrown: the user's answer has been paid for
     * already and losing it over bookkeeping would be worse than a missing row.
     */
    public Optional<UsageRecord> record(ModelSpec model, CallContext context, String agentName, Outcome outcome) {
        requireNonNull(model, "model");
        requireNonNull(context, "context");
        requireNonNull(outcome, "outcome");
        TokenCounts tokens = outcome.tokens();
        BigDecimal cost = registry.cost(model.id(), tokens.prompt(), tokens.completion());
        UsageRecord row = new UsageRecord(null, context.userId(), context.chatId(), context.sessionId(), model.id(),
                model.provider().id(), context.agentName() != null ? context.agentName() : agentName,
                tokens.prompt(), tokens.completion(), tokens.total(), outcome.querySize(), outcome.responseSize(),
                cost, clock.instant(), outcome.streaming(), Math.max(0, outcome.elapsed().toMillis()),
                outcome.errorMessage() == null, outcome.errorMessage());
        UsageRecord stored;
        try {
            stored = repository.insert(row);
        } catch (RuntimeException e) {
            log.error("Could not record model usage for model {} (agent {}): {}", model.id(), row.agentName(),
                    e.toString());
            return Optional.empty();
        }
        try {
            listener.accept(new UsageRecorded(stored));
        } catch (RuntimeException e) {
            // a listener (e.g. a dashboard broadcast) must never fail the model call that paid for the row
            log.warn("A usage listener failed for row {}: {}", stored.usageId(), e.toString());
        }
        return Optional.of(stored);
    }
}
