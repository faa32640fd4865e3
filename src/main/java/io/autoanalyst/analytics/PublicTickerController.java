package io.autoanalyst.analytics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The landing page's counters. Public, so it says nothing about any one user, and it is computed at
 * most once a minute: anyone may call it, and the sums read the whole usage table.
 */
@RestController
@Tag(name = "Analytics")
public class PublicTickerController {

    static final Duration REFRESH = Duration.ofMinutes(1);

    private final UsageAnalytics usage;
    private final Clock clock;
    private volatile Cached cached;

    private record Cached(Map<String, Object> body, Instant at) {
    }

    public PublicTickerController(UsageAnalytics usage, Clock clock) {
        this.usage = usage;
        this.clock = clock;
    }

    @GetMapping("/analytics/public/ticker")
    @Operation(summary = "Public counters: registered users, tokens and requests served (refreshed at most once a minute)")
    public Map<String, Object> ticker() {
        Cached current = cached;
        Instant now = clock.instant();
        if (current == null || current.at().plus(REFRESH).isBefore(now)) {
            current = new Cached(usage.publicTicker(), now);
            cached = current;
        }
        return current.body();
    }
}
