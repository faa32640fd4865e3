package io.autoanalyst.analytics;

import io.autoanalyst.auth.AdminKeyGuard;
import io.autoanalyst.llm.UsageRecord;
import io.autoanalyst.llm.UsageRecorded;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The subscribers of the realtime analytics WebSockets, and the broadcast after each recorded model call.
 * A connection receives nothing until it has shown the admin key: as a {@code Sec-WebSocket-Protocol}
 * value at the handshake, or in its first message ({@code {"type":"auth","admin_api_key":"..."}} or the
 * bare key). A connection that does not authenticate within {@link #AUTH_TIMEOUT} is closed.
 * Broadcasts run on one thread of their own, in order, so a slow dashboard never delays a chat turn.
 */
@Component
public class RealtimeAnalytics implements DisposableBean {

    static final Duration AUTH_TIMEOUT = Duration.ofSeconds(10);
    static final String AUTHENTICATED = "autoanalyst.admin";
    static final CloseStatus REFUSED = CloseStatus.POLICY_VIOLATION.withReason("Invalid or missing admin API key");

    private static final Logger log = LoggerFactory.getLogger(RealtimeAnalytics.class);

    private final AdminKeyGuard adminKey;
    private final JsonMapper json;
    private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final ExecutorService broadcaster = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("analytics-broadcast").factory());
    private final ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("analytics-ws-timeout").factory());

    private record Subscriber(RealtimeChannel channel, WebSocketSession session, boolean authenticated) {
        Subscriber authenticate() {
            return new Subscriber(channel, session, true);
        }
    }

    public RealtimeAnalytics(AdminKeyGuard adminKey, JsonMapper json) {
        this.adminKey = adminKey;
        this.json = json;
    }

    void opened(RealtimeChannel channel, WebSocketSession raw) {
        // Spring's sessions are not safe for concurrent sends; the decorator queues them (and drops a stuck client)
        WebSocketSession session = new ConcurrentWebSocketSessionDecorator(raw, 5_000, 256 * 1024);
        boolean authenticated = Boolean.TRUE.equals(raw.getAttributes().get(AUTHENTICATED));
        subscribers.put(raw.getId(), new Subscriber(channel, session, authenticated));
        if (authenticated) {
            send(session, JsonObject.of("type", "authenticated", "channel", channel.path()));
        } else {
            timeouts.schedule(() -> {
                Subscriber s = subscribers.get(raw.getId());
                if (s != null && !s.authenticated()) close(s.session(), REFUSED);
            }, AUTH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void received(WebSocketSession raw, String text) {
        Subscriber subscriber = subscribers.get(raw.getId());
        if (subscriber == null) return;
        if (subscriber.authenticated()) {
            if ("ping".equalsIgnoreCase(text.strip()) || "ping".equals(field(text, "type"))) {
                send(subscriber.session(), JsonObject.of("type", "pong"));
            }
            return;
        }
        String key = keyIn(text);
        if (adminKey.matches(key)) {
            subscribers.put(raw.getId(), subscriber.authenticate());
            send(subscriber.session(), JsonObject.of("type", "authenticated", "channel", subscriber.channel().path()));
        } else {
            close(subscriber.session(), REFUSED);
        }
    }

    void closed(WebSocketSession raw) {
        subscribers.remove(raw.getId());
    }

    /** How many authenticated connections a channel has (for tests and metrics). */
    public int listeners(RealtimeChannel channel) {
        return (int) subscribers.values().stream().filter(s -> s.channel() == channel && s.authenticated()).count();
    }

    @EventListener
    public void onUsage(UsageRecorded event) {
        if (subscribers.isEmpty()) return;
        UsageRecord usage = event.usage();
        broadcaster.execute(() -> broadcast(usage));
    }

    private void broadcast(UsageRecord usage) {
        String date = usage.timestamp().atZone(ZoneOffset.UTC).toLocalDate().toString();
        double cost = JsonObject.money(usage.cost().doubleValue());
        List<Map<String, Object>> dashboard = List.of(
                JsonObject.of("type", "usage_update", "date", date, "metrics",
                        JsonObject.of("tokens_delta", usage.totalTokens(), "cost_delta", cost, "requests_delta", 1)),
                JsonObject.of("type", "model_update", "model_name", usage.modelName(), "metrics",
                        JsonObject.of("tokens", usage.totalTokens(), "cost", cost, "requests", 1)));
        Map<String, Object> activity = JsonObject.of("type", "user_activity", "date", date, "metrics",
                JsonObject.of("activeUsers", 1, "sessions", usage.sessionId() == null ? 0 : 1));
        for (Subscriber s : subscribers.values()) {
            if (!s.authenticated() || !s.session().isOpen()) continue;
            if (s.channel() == RealtimeChannel.DASHBOARD) {
                dashboard.forEach(message -> send(s.session(), message));
            } else {
                send(s.session(), activity);
            }
        }
    }

    private String keyIn(String text) {
        String stripped = text.strip();
        if (!stripped.startsWith("{")) return stripped;
        for (String name : List.of("admin_api_key", "adminApiKey", "api_key", "key")) {
            String value = field(stripped, name);
            if (value != null) return value;
        }
        return null;
    }

    private String field(String text, String name) {
        try {
            JsonNode node = json.readTree(text);
            JsonNode value = node == null ? null : node.get(name);
            return value == null || !value.isString() ? null : value.asString();
        } catch (JacksonException e) {
            return null;
        }
    }

    private void send(WebSocketSession session, Map<String, Object> message) {
        try {
            session.sendMessage(new TextMessage(json.writeValueAsString(message)));
        } catch (IOException | RuntimeException e) {
            log.debug("Dropping an analytics WebSocket that could not be written: {}", e.toString());
            close(session, CloseStatus.SESSION_NOT_RELIABLE);
        }
    }

    private void close(WebSocketSession session, CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("Closing an analytics WebSocket failed: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        broadcaster.shutdownNow();
        timeouts.shutdownNow();
    }
}
