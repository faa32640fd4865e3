package io.autoanalyst.runtime;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * A session's kernel as of now.
 *
 * @param alive         a kernel process is assigned and running
 * @param pid           host pid of its interpreter (0 when none)
 * @param started       when the current kernel started (null when none)
 * @param lastUsed      end of the session's last run (null before the first)
 * @param runs          runs made by this session, across kernel replacements
 * @param residentBytes the interpreter's resident memory, from /proc
 * @param busy          the session's code is running now
 * @param queued        requests of all sessions waiting for a kernel now (the server's load, no one's data)
 */
public record KernelStatus(boolean alive, long pid, Instant started, Instant lastUsed, long runs,
                           OptionalLong residentBytes, boolean busy, int queued) {
}
