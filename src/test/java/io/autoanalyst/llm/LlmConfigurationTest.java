package io.autoanalyst.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/** The Spring wiring of the feature, with the properties as the application would bind them. */
class LlmConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void withoutKeysTheRouterIsTheLlmClientAndDefaultsToOffline() throws Exception {
        SqliteTestDatabase db = new SqliteTestDatabase(dir);
        new ApplicationContextRunner()
                .withBean(JdbcClient.class, () -> db.jdbc)
                .withBean(JsonMapper.class, JsonMapper::shared)
                .withUserConfiguration(Properties.class, LlmConfiguration.class)
                // Blank out whatever the machine running the tests has in its environment.
                .withPropertyValues("autoanalyst.llm.default-model=", "autoanalyst.llm.openai.api-key=",
                        "autoanalyst.llm.openai.base-url=", "autoanalyst.llm.anthropic.api-key=",
                        "autoanalyst.llm.gemini.api-key=", "autoanalyst.llm.groq.api-key=")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(LlmClient.class)).isInstanceOf(LlmRouter.class);
                    assertThat(context.getBean(ModelCatalog.class).defaultModel()).isEqualTo("offline");
                    LlmSettings settings = context.getBean(LlmSettings.class);
                    assertThat(settings.formatRetries()).isEqualTo(2);
                    assertThat(settings.retry().maxAttempts()).isEqualTo(3);
                    assertThat(settings.timeout()).hasSeconds(120);
                });
    }

    @Test
    void keysAndBaseUrlsAreBoundFromProperties() {
        new ApplicationContextRunner()
                .withBean(JdbcClient.class, () -> JdbcClient.create(new DriverManagerDataSource("jdbc:sqlite::memory:")))
                .withBean(JsonMapper.class, JsonMapper::shared)
                .withUserConfiguration(Properties.class, LlmConfiguration.class)
                .withPropertyValues("autoanalyst.llm.default-model=", "autoanalyst.llm.anthropic.api-key=sk-ant-test",
                        "autoanalyst.llm.anthropic.base-url=http://127.0.0.1:9/v1/", "autoanalyst.llm.timeout=30s",
                        "autoanalyst.llm.openai.api-key=", "autoanalyst.llm.openai.base-url=")
                .run(context -> {
                    LlmSettings settings = context.getBean(LlmSettings.class);
                    assertThat(settings.anthropic().apiKey()).isEqualTo("sk-ant-test");
                    assertThat(settings.baseUrl(Provider.ANTHROPIC)).isEqualTo("http://127.0.0.1:9/v1/");
                    assertThat(settings.baseUrl(Provider.GEMINI)).isEqualTo(Provider.GEMINI.publicBaseUrl());
                    assertThat(settings.timeout()).hasSeconds(30);
                });
    }

    @Test
    void anUnknownModelNameFailsStartUpWithTheValidIds() {
        new ApplicationContextRunner()
                .withBean(JdbcClient.class, () -> JdbcClient.create(new DriverManagerDataSource("jdbc:sqlite::memory:")))
                .withBean(JsonMapper.class, JsonMapper::shared)
                .withUserConfiguration(Properties.class, LlmConfiguration.class)
                .withPropertyValues("autoanalyst.llm.default-model=gpt-4o-mini")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().isInstanceOf(UnknownModel.class).hasMessageContaining("gpt-5-mini"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(LlmSettings.class)
    static class Properties {
        @Bean
        Object placeholder() {
            return new Object();
        }
    }
}
