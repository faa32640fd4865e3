package io.autoanalyst.chat;

import java.time.Instant;

/** A conversation, owned by one user. */
public record Chat(long chatId, String title, Instant createdAt, Long userId) {
}
