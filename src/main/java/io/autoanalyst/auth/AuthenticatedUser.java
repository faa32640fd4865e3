package io.autoanalyst.auth;

/** Who a valid bearer token says the caller is, and which token it was (for logout). */
public record AuthenticatedUser(long userId, long tokenId) {
}
