package io.autoanalyst.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** {@code autoanalyst.agents.*}, bound with the application's own application.yml. */
class AgentSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AgentSettings.class)
    static class Bind {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(Bind.class);

    @Test
    void defaultsAreTwoFixAttemptsThreeFixCandidatesAndAMemoryOf1500Tokens() {
        context.run(c -> assertThat(c.getBean(AgentSettings.class)).isEqualTo(new AgentSettings(2, 3, 1500)));
    }

    @Test
    void propertiesOverrideTheDefaults() {
        context.withPropertyValues("autoanalyst.agents.max-fix-attempts=0", "autoanalyst.agents.fix-candidates=5",
                        "autoanalyst.agents.memory-tokens=0")
                .run(c -> assertThat(c.getBean(AgentSettings.class)).isEqualTo(new AgentSettings(0, 5, 0)));
    }

    @Test
    void impossibleValuesStopTheStartWithTheSettingsName() {
        context.withPropertyValues("autoanalyst.agents.fix-candidates=0").run(c ->
                assertThat(c).getFailure().rootCause().hasMessageContaining("autoanalyst.agents.fix-candidates"));
        context.withPropertyValues("autoanalyst.agents.max-fix-attempts=-1").run(c ->
                assertThat(c).getFailure().rootCause().hasMessageContaining("autoanalyst.agents.max-fix-attempts"));
        context.withPropertyValues("autoanalyst.agents.memory-tokens=-1").run(c ->
                assertThat(c).getFailure().rootCause().hasMessageContaining("autoanalyst.agents.memory-tokens"));
    }
}
