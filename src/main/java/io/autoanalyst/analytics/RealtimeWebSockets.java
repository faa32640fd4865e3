package io.autoanalyst.analytics;

import io.autoanalyst.auth.AdminKeyGuard;
import io.autoanalyst.web.WebSettings;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Registers the two realtime analytics WebSockets. The admin key never travels in the URL: a handshake
 * whose query names one is refused. A client may offer the key as one of its subprotocols next to
 * {@value #SUBPROTOCOL}; the server then selects {@value #SUBPROTOCOL}, so the key is not echoed back.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
public class RealtimeWebSockets implements WebSocketConfigurer {

    public static final String SUBPROTOCOL = "autoanalyst-analytics";

    private final RealtimeAnalytics realtime;
    private final AdminKeyGuard adminKey;
    private final WebSettings web;

    public RealtimeWebSockets(RealtimeAnalytics realtime, AdminKeyGuard adminKey, WebSettings web) {
        this.realtime = realtime;
        this.adminKey = adminKey;
        this.web = web;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        for (RealtimeChannel channel : RealtimeChannel.values()) {
            var registration = registry.addHandler(new Channel(channel), channel.path()).addInterceptors(new KeyCheck());
            // the original's frontend opens these from its own origin, like its HTTP calls (CORS_ORIGINS)
            if (web.corsOrigins().contains("*")) {
                registration.setAllowedOriginPatterns("*");
            } else {
                registration.setAllowedOrigins(web.corsOrigins().toArray(String[]::new));
            }
        }
    }

    private final class Channel extends TextWebSocketHandler implements SubProtocolCapable {
        private final RealtimeChannel channel;

        Channel(RealtimeChannel channel) {
            this.channel = channel;
        }

        @Override
        public void afterConnectionEstablished(WebSocketSession session) {
            realtime.opened(channel, session);
        }

        @Override
        protected void handleTextMessage(WebSocketSession session, TextMessage message) {
            realtime.received(session, message.getPayload());
        }

        @Override
        public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
            realtime.closed(session);
        }

        @Override
        public List<String> getSubProtocols() {
            return List.of(SUBPROTOCOL);
        }
    }

    /** Refuses keys in the URL and admin routes that are off; notes a key offered as a subprotocol. */
    private final class KeyCheck implements HandshakeInterceptor {
        @Override
        public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                       Map<String, Object> attributes) {
            if (!adminKey.enabled()) {
                response.setStatusCode(HttpStatus.FORBIDDEN);
                return false;
            }
            var query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams();
            if (query.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(AdminKeyGuard.QUERY_PARAMETER)
                    || k.equalsIgnoreCase(AdminKeyGuard.HEADER))) {
                response.setStatusCode(HttpStatus.BAD_REQUEST);
                return false;
            }
            List<String> offered = request.getHeaders().getOrEmpty("Sec-WebSocket-Protocol").stream()
                    .flatMap(h -> java.util.Arrays.stream(h.split(",")))
                    .map(String::strip)
                    .toList();
            if (offered.stream().anyMatch(adminKey::matches)) {
                attributes.put(RealtimeAnalytics.AUTHENTICATED, true);
            }
            return true;
        }

        @Override
        public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler, Exception e) {
        }
    }
}
