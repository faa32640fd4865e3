package io.autoanalyst.script;

import io.autoanalyst.runtime.SessionKernels;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the marker-section script runner onto the session kernels that {@code runtime} provides. */
@Configuration(proxyBeanMethods = false)
class ScriptConfiguration {

    @Bean
    MarkerScriptRunner markerScriptRunner(SessionKernels sessionKernels) {
        return new MarkerScriptRunner(sessionKernels);
    }
}
