package io.autoanalyst.session;

import java.util.regex.Pattern;

/**
 * Which client-chosen session ids may open a session. A guest's session id is the guest's only
 * credential (whoever holds it sees the guest's data), so it must be unguessable: ids like
 * {@code 1}, {@code a} or {@code demo} would hand a guest's uploads to anyone who tries them.
 * Accepted are the forms the original frontend makes, each with a random part, and ids holding a
 * random UUID (which {@code POST /generate-session} issues).
 */
public final class SessionIds {

    /** The detail of the 400 for an id that could be guessed; it names the forms that work. */
    public static final String EXPECTED_FORM = "Invalid session ID: a session ID must be unguessable. Use "
            + "auto_<epoch-ms>_<9 random base36 characters> (what the original frontend makes), "
            + "user_<user id>_<epoch-ms>_<at least 8 random base36 characters>, a random UUID "
            + "(alone or in a longer ID), or an ID from POST /generate-session";

    /** The original frontend: {@code auto_${Date.now()}_${Math.random().toString(36).substr(2, 9)}}. */
    private static final Pattern AUTO = Pattern.compile("auto_\\d{10,16}_[0-9a-z]{8,16}");
    /** The original frontend's signed-in form. */
    private static final Pattern USER = Pattern.compile("user_[A-Za-z0-9-]{1,64}_\\d{10,16}_[0-9a-z]{8,32}");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private SessionIds() {
    }

    public static boolean unguessable(String sessionId) {
        if (sessionId == null) return false;
        if (AUTO.matcher(sessionId).matches() || USER.matcher(sessionId).matches()) return true;
        // a UUID, alone or inside a longer id (auto_<uuid>, bench-<uuid>): its randomness is the id's
        java.util.regex.Matcher uuid = UUID.matcher(sessionId);
        while (uuid.find()) {
            if (!lowEntropyUuid(uuid.group())) return true;
        }
        return false;
    }

    /** {@code 00000000-0000-...} and friends have the form of a UUID but none of its randomness. */
    private static boolean lowEntropyUuid(String id) {
        return id.replace("-", "").chars().distinct().count() < 6;
    }
}
