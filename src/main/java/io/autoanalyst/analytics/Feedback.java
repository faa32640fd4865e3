package io.autoanalyst.analytics;

import java.time.Instant;

/** A 1–5 rating of one AI message, stamped with the model settings in force. */
public record Feedback(long feedbackId, long messageId, int rating, String modelName, String modelProvider,
                       Double temperature, Integer maxTokens, Instant createdAt, Instant updatedAt) {
}
