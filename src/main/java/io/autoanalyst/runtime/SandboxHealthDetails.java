package io.autoanalyst.runtime;

import io.autoanalyst.web.HealthDetails;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Tells /health whether user code runs fully sandboxed, so a degraded install is visible, not silent. */
@Component
class SandboxHealthDetails implements HealthDetails {

    private final KernelPool kernels;

    SandboxHealthDetails(KernelPool kernels) {
        this.kernels = kernels;
    }

    @Override
    public Map<String, Object> healthDetails() {
        SandboxStatus status = kernels.sandboxStatus(); // the backend's: local sandbox or kernel service
        Map<String, Object> sandboxInfo = new LinkedHashMap<>();
        sandboxInfo.put("status", !status.available() ? "unavailable" : status.degraded() ? "degraded" : "ok");
        sandboxInfo.put("bubblewrap", status.bwrap());
        sandboxInfo.put("separate_users", status.separateUsers());
        sandboxInfo.put("detail", status.detail());
        return Map.of("sandbox", sandboxInfo);
    }
}
