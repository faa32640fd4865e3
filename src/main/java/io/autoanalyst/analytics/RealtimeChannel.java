package io.autoanalyst.analytics;

/** The original's two realtime analytics WebSockets and what each carries. */
public enum RealtimeChannel {
    /** {@code usage_update} and {@code model_update} after each recorded model call. */
    DASHBOARD("/analytics/dashboard/realtime"),
    /** {@code user_activity} after each recorded model call. */
    USERS("/analytics/realtime");

    private final String path;

    RealtimeChannel(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }
}
