package io.autoanalyst.runtime;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Prepares a fresh kernel for a session: the first kernel a session gets, and every
 * replacement after a timeout, crash, restart or idle reap. Typically hard-links the session's
 * dataset files into the kernel's working directory and returns the code that loads them
 * ({@code df = pd.read_csv("sales.csv")}), so the session keeps working with its data.
 *
 * <p>The returned code runs silently before the session's next run, with the working directory
 * as its current directory: refer to files by relative names. Files placed here by the server
 * stay owned by the server's user, so a kernel can read and delete them but not change them
 * in place; never change their owner, since a hard link shares its owner with the original.
 */
@FunctionalInterface
public interface KernelInitializer {

    /**
     * @param sessionKey       the session the kernel is for
     * @param workingDirectory the kernel's working directory on the server's file system
     * @return Python code to run first, or an empty string
     */
    String prepare(String sessionKey, Path workingDirectory) throws IOException;
}
