package io.autoanalyst.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The documented DEBUG variable still switches debug logging (through application.yml). */
class LoggingSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(LoggingSettings.class)
    static class Bind {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(Bind.class);

    @Test
    void debugIsOffUnlessTheVariableSaysTrueOrOne() {
        // the default holds only where the environment does not set DEBUG itself (the runner reads the real one)
        if (System.getenv("DEBUG") == null) {
            context.run(c -> assertThat(c.getBean(LoggingSettings.class).debugEnabled()).isFalse());
        }
        context.withPropertyValues("DEBUG=false").run(c -> assertThat(c.getBean(LoggingSettings.class).debugEnabled()).isFalse());
        context.withPropertyValues("DEBUG=TRUE").run(c -> assertThat(c.getBean(LoggingSettings.class).debugEnabled()).isTrue());
        context.withPropertyValues("DEBUG= 1 ").run(c -> assertThat(c.getBean(LoggingSettings.class).debugEnabled()).isTrue());
        context.withPropertyValues("DEBUG=express:*").run(c -> assertThat(c.getBean(LoggingSettings.class).debugEnabled()).isFalse());
    }
}
