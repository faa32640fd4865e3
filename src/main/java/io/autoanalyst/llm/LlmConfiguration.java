package io.autoanalyst.llm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.PropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the llm feature. The registry is loaded (and validated) here, so a broken registry or an unknown
 * {@code MODEL_NAME} stops the server at start-up with a message naming the problem.
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:llm/llm-defaults.properties")
public class LlmConfiguration {

    @Bean
    ModelRegistry modelRegistry(LlmSettings settings) {
        List<ModelRegistryLoader.Source> sources = new ArrayList<>();
        sources.add(new ModelRegistryLoader.Source(ModelRegistryLoader.BUILT_IN,
                () -> LlmConfiguration.class.getClassLoader().getResourceAsStream(ModelRegistryLoader.BUILT_IN)));
        if (settings.extraModelsFile() != null) {
            Path extra = Path.of(settings.extraModelsFile());
            sources.add(new ModelRegistryLoader.Source(extra.toString(), () -> Files.newInputStream(extra)));
        }
        return new ModelRegistryLoader().load(sources);
    }

    @Bean
    ModelCatalog modelCatalog(ModelRegistry registry, LlmSettings settings) {
        return new ModelCatalog(registry, settings);
    }

    @Bean
    UsageRepository usageRepository(JdbcClient jdbc) {
        return new UsageRepository(jdbc);
    }

    @Bean
    UsageRecorder usageRecorder(UsageRepository repository, ModelRegistry registry, ApplicationEventPublisher events) {
        return new UsageRecorder(repository, registry, Clock.systemUTC(), events::publishEvent);
    }

    @Bean
    ProviderChatModels providerChatModels(LlmSettings settings) {
        return new ProviderChatModels(settings);
    }

    @Bean
    ProviderLlmClient providerLlmClient(ModelRegistry registry, LlmSettings settings, ProviderChatModels chatModels,
                                        UsageRecorder usage, JsonMapper json) {
        return new ProviderLlmClient(registry, settings, chatModels, usage, json);
    }

    @Bean
    OfflineAnalyst offlineAnalyst() {
        return new OfflineAnalyst();
    }

    @Bean
    OfflineLlmClient offlineLlmClient(OfflineAnalyst analyst, ModelRegistry registry, UsageRecorder usage, JsonMapper json) {
        return new OfflineLlmClient(analyst, registry, usage, json);
    }

    /** What other features inject as {@link LlmClient}. */
    @Bean
    @Primary
    LlmRouter llmRouter(ModelCatalog catalog, ProviderLlmClient providers, OfflineLlmClient offline) {
        return new LlmRouter(catalog, providers, offline);
    }
}
