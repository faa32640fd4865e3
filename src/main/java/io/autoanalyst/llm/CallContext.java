package io.autoanalyst.llm;

/**
 * Who a model call is made for, passed explicitly (no thread-locals): recorded in {@code model_usage}, and
 * the user's own API key, which replaces the server's key for this user's calls. The key is never logged,
 * stored or shown: {@link #toString()} hides it.
 *
 * @param agentName  recorded as {@code agent_name}; when null the signature's name is recorded
 * @param userApiKey the user's own key for the model's provider, or null to use the server's key
 */
public record CallContext(Long userId, Long chatId, String sessionId, String agentName, String userApiKey) {

    public CallContext {
        if (userApiKey != null && userApiKey.isBlank()) {
            userApiKey = null;
        }
    }

    /** A call made by the server itself (no user, no chat), for example at start-up. */
    public static CallContext system() {
        return new CallContext(null, null, null, null, null);
    }

    public CallContext withAgentName(String name) {
        return new CallContext(userId, chatId, sessionId, name, userApiKey);
    }

    @Override
    public String toString() {
        return "CallContext[userId=" + userId + ", chatId=" + chatId + ", sessionId=" + sessionId + ", agentName="
                + agentName + ", userApiKey=" + (userApiKey == null ? "none" : "set") + "]";
    }
}
