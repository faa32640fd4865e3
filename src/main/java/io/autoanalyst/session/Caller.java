package io.autoanalyst.session;

/**
 * Who is making a request, for routes that work on a user's records rather than on one session:
 * the signed-in user, or the guest who owns the session named by {@code X-Session-ID}.
 */
public record Caller(long userId, boolean guest) {
}
