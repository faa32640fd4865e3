package io.autoanalyst;

/**
 * How many carrier threads run the server's virtual threads. The JDK's default is one per core,
 * but a virtual thread inside native code (the SQLite and DuckDB drivers are JNI) keeps its carrier
 * for as long as the native call lasts: on a two-core machine two such calls, such as two SQLite
 * writers waiting for the lock, left no carrier for the thread holding the lock, and every request
 * stalled until the busy timeout (reproduced in {@code SqliteUnderPinningTest}). More carriers than
 * cores cost only idle platform threads.
 */
public final class VirtualThreads {

    static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";
    static final int MIN_CARRIERS = 16;

    private VirtualThreads() {
    }

    /** Sets the carrier count unless the operator did; must run before the first virtual thread starts. */
    public static void configure() {
        if (System.getProperty(PARALLELISM) == null) {
            System.setProperty(PARALLELISM, String.valueOf(Math.max(MIN_CARRIERS, Runtime.getRuntime().availableProcessors())));
        }
    }
}
