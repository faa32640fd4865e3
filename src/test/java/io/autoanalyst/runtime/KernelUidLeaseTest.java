package io.autoanalyst.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.autoanalyst.support.KernelUids;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A range of kernel user ids belongs to one server (or pool) at a time, and is free again when it stops. */
class KernelUidLeaseTest {

    @Test
    void aRangeInUseIsRefusedWithWhatToDoAndFreedByClosing() {
        long base = Long.parseLong(KernelUids.nextBase());
        try (KernelUidLease first = KernelUidLease.acquire(base, 16)) {
            assertThatThrownBy(() -> KernelUidLease.acquire(base, 16))
                    .isInstanceOf(KernelUnavailable.class)
                    .hasMessageContaining(base + ".." + (base + 15))
                    .hasMessageContaining("in use by another Auto-Analyst server")
                    .hasMessageContaining("autoanalyst.kernel.uid-base");
            KernelUidLease.acquire(base + 64, 16).close(); // another range is free
        }
        KernelUidLease.acquire(base, 16).close();
    }

    @Test
    void aSecondLauncherOnTheSameIdsDoesNotStart(@TempDir Path root) {
        KernelSettings settings = TestKernels.settings(root);
        Sandbox sandbox = Sandbox.probe(settings, settings.workRoot());
        assumeTrue(sandbox.status().separateUsers(), "kernels share the server's user id here (not root): nothing to claim");
        try (KernelLauncher first = new KernelLauncher(settings, sandbox)) {
            assertThatThrownBy(() -> new KernelLauncher(settings, sandbox)).isInstanceOf(KernelUnavailable.class)
                    .hasMessageContaining("in use by another Auto-Analyst server");
        }
        new KernelLauncher(settings, sandbox).close();
        assertThat(sandbox.status().available()).isTrue();
    }
}
