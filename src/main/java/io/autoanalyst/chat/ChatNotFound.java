package io.autoanalyst.chat;

import io.autoanalyst.web.NotFound;

/** No such chat for this caller (also when it is someone else's). */
public class ChatNotFound extends NotFound {
    public ChatNotFound(long chatId) {
        super("Chat " + chatId + " not found");
    }
}
