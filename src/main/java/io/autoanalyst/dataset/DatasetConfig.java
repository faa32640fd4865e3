package io.autoanalyst.dataset;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Wires the framework-free ingest core. */
@Configuration(proxyBeanMethods = false)
class DatasetConfig {

    @Bean
    DatasetIngester datasetIngester(DatasetSettings settings, JsonMapper json) {
        return new DatasetIngester(settings, json);
    }
}
