package io.autoanalyst.chat;

import java.time.Instant;

/**
 * One turn of a chat. {@code content} is what the original stored (for the AI, the whole markdown
 * answer); agent, code and outputs are kept apart as well so a chat can be exported as a notebook.
 */
public record Message(long messageId, long chatId, String sender, String content, String agent, String code,
                      String outputs, String modelName, Instant timestamp) {
}
