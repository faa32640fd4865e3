package io.autoanalyst.agent;

import java.util.Optional;

/**
 * The agents' view of a session's data: the {@code dataset} input (exact variable names, columns,
 * types, sample values, descriptions), or empty when the session has no data.
 */
public interface TurnDatasets {
    Optional<String> describe(String sessionId);
}
