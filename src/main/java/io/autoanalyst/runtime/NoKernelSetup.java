package io.autoanalyst.runtime;

import java.nio.file.Path;

/** The initializer used when no feature provides one: kernels start empty, with pandas & co. imported. */
public final class NoKernelSetup implements KernelInitializer {
    @Override
    public String prepare(String sessionKey, Path workingDirectory) {
        return "";
    }
}
