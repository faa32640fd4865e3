package io.autoanalyst.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The documented SECRET_KEY variable still sets the key (through application.yml), and the key is checked at start. */
class SecretKeySettingsTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SecretKeySettings.class)
    static class Bind {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(Bind.class);

    @Test
    void unsetMeansTheServerKeepsItsOwnKeyFile() {
        context.run(c -> assertThat(c.getBean(SecretKeySettings.class).secretKey()).isNull());
    }

    @Test
    void secretKeyVariableSetsTheKey() {
        context.withPropertyValues("SECRET_KEY=" + KEY)
                .run(c -> assertThat(c.getBean(SecretKeySettings.class).secretKey()).isEqualTo(KEY));
    }

    @Test
    void aKeyThatIsNot32BytesStopsTheStartAndIsNeverPrinted() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        context.withPropertyValues("SECRET_KEY=" + shortKey).run(c ->
                assertThat(c).getFailure().rootCause().hasMessageContaining("SECRET_KEY must be the base64 of 32 random bytes"));
        assertThat(new SecretKeySettings(KEY).toString()).doesNotContain(KEY);
    }
}
