package io.autoanalyst.llm;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of {@code model_usage}: one model response (or one failed call), with the tokens the provider
 * reported and the cost from the registry prices.
 *
 * @param usageId       null until stored
 * @param querySize     characters sent (system and user messages)
 * @param responseSize  characters received
 * @param errorMessage  the user-facing error of a failed call, null on success
 */
public record UsageRecord(
        Long usageId,
        Long userId,
        Long chatId,
        String sessionId,
        String modelName,
        String provider,
        String agentName,
        int promptTokens,
        int completionTokens,
        int totalTokens,
        int querySize,
        int responseSize,
        BigDecimal cost,
        Instant timestamp,
        boolean streaming,
        long requestTimeMs,
        boolean successful,
        String errorMessage) {

    public UsageRecord {
        requireNonNull(modelName, "modelName");
        requireNonNull(provider, "provider");
        requireNonNull(cost, "cost");
        requireNonNull(timestamp, "timestamp");
        if (promptTokens < 0 || completionTokens < 0 || totalTokens < 0 || querySize < 0 || responseSize < 0
                || requestTimeMs < 0) {
            throw new IllegalArgumentException("usage counts cannot be negative");
        }
    }

    public UsageRecord withUsageId(long id) {
        return new UsageRecord(id, userId, chatId, sessionId, modelName, provider, agentName, promptTokens,
                completionTokens, totalTokens, querySize, responseSize, cost, timestamp, streaming, requestTimeMs,
                successful, errorMessage);
    }
}
