package io.autoanalyst.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** {@code autoanalyst.session.*}, bound with the application's own application.yml. */
class SessionSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SessionSettings.class)
    static class Bind {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(Bind.class);

    @Test
    void guestSessionsAreKeptThirtyDaysByDefault() {
        context.run(c -> assertThat(c.getBean(SessionSettings.class).guestRetention()).isEqualTo(Duration.ofDays(30)));
    }

    @Test
    void retentionIsSettableAndMustBePositive() {
        context.withPropertyValues("autoanalyst.session.guest-retention=12h")
                .run(c -> assertThat(c.getBean(SessionSettings.class).guestRetention()).isEqualTo(Duration.ofHours(12)));
        context.withPropertyValues("autoanalyst.session.guest-retention=0s").run(c ->
                assertThat(c).getFailure().rootCause().hasMessageContaining("autoanalyst.session.guest-retention must be positive"));
    }
}
