package io.autoanalyst.session;

/** A session was removed for lack of use: features drop what they keep for it (files, kernel). */
public record SessionExpired(String sessionId) {
}
