package io.autoanalyst.runtime;

import java.nio.file.Path;
import java.time.Clock;

/** {@link KernelBackendContract} on the local sandboxed kernels. */
class LocalKernelBackendTest extends KernelBackendContract {

    @Override
    TestKernels start(Path workRoot, KernelInitializer initializer, String... properties) {
        return TestKernels.start(workRoot, initializer, Clock.systemUTC(), properties);
    }
}
