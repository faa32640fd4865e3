package io.autoanalyst.runtime;

import java.util.List;

/**
 * Where a session's kernel lives when several server instances share one database, and what
 * rebuilds its state elsewhere. {@link SessionKernels} asks it before every run of a session:
 *
 * <ul>
 *   <li>{@link #claim} says whether the kernel this instance holds for the session is still the
 *       session's kernel (the lease token it knows is current), or whether the session's kernel
 *       moved to another instance since (then the local one is stale and is stopped);</li>
 *   <li>every successful run is {@linkplain #recordRun recorded}; a new kernel for a session whose
 *       recorded runs are not empty replays them in order, because the state they built was lost
 *       with no decision of the user's (its instance stopped or died, or another instance served
 *       the session in between);</li>
 *   <li>when the state is lost knowingly (restart, a timeout or crash the user is told about, an
 *       idle reap or eviction, a dataset change) the recorded runs are
 *       {@linkplain #discardState discarded}, so the next kernel starts with the datasets only,
 *       as the user was told.</li>
 * </ul>
 *
 * A single server needs none of this: {@link #LOCAL} keeps nothing.
 */
public interface KernelPlacement {

    /**
     * Claims the session's kernel for this instance.
     *
     * @param heldToken the lease token this instance got when it last claimed the session, or null
     * @return the token now held: {@code heldToken} when this instance still held the lease with it,
     *         else a new token (any kernel this instance still has for the session is stale)
     */
    String claim(String sessionId, String heldToken);

    /** Records a run that succeeded in the session's kernel, after those recorded before. */
    void recordRun(String sessionId, String code);

    /** The session's recorded runs, oldest first: what a new kernel replays to get the session's state back. */
    List<String> runsToReplay(String sessionId);

    /** The session's kernel state is gone on purpose: its recorded runs and its lease are dropped. */
    void discardState(String sessionId);

    /** The id of this server instance, as recorded in leases. */
    String instanceId();

    /** One server and nothing shared: a kernel's state lives and dies with the kernel. */
    KernelPlacement LOCAL = new KernelPlacement() {
        @Override
        public String claim(String sessionId, String heldToken) {
            return heldToken != null ? heldToken : "local";
        }

        @Override
        public void recordRun(String sessionId, String code) {
        }

        @Override
        public List<String> runsToReplay(String sessionId) {
            return List.of();
        }

        @Override
        public void discardState(String sessionId) {
        }

        @Override
        public String instanceId() {
            return "local";
        }
    };
}
