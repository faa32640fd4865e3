package io.autoanalyst.session;

import io.autoanalyst.auth.SecretBox;
import io.autoanalyst.llm.GenerationSettings;
import io.autoanalyst.llm.ModelCatalog;
import io.autoanalyst.llm.ModelRegistry;
import io.autoanalyst.llm.ModelSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Model choice per session. The original wrote every change into one global default shared by all
 * users, and stored an unknown model before failing; here a change touches only its own session
 * and an unknown model changes nothing.
 */
@Service
public class ModelSettingsService {

    private static final Logger log = LoggerFactory.getLogger(ModelSettingsService.class);

    private final JdbcClient jdbc;
    private final ModelRegistry registry;
    private final ModelCatalog catalog;
    private final SecretBox secrets;

    public ModelSettingsService(JdbcClient jdbc, ModelRegistry registry, ModelCatalog catalog, SecretBox secrets) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.catalog = catalog;
        this.secrets = secrets;
    }

    /** Validates, clamps to the provider's limits, then stores; returns what was stored. */
    public ModelSettings update(SessionContext session, String model, Double temperature, Integer maxTokens, String apiKey) {
        ModelSpec spec = registry.resolve(model);
        GenerationSettings clamped = registry.applySafeguards(spec.id(), temperature, maxTokens);
        String sealedKey = apiKey == null || apiKey.isBlank() ? null : secrets.seal(apiKey.strip());
        jdbc.sql("UPDATE analysis_sessions SET model_provider = ?, model_name = ?, model_temperature = ?, model_max_tokens = ?, "
                        + "model_api_key = ? WHERE session_id = ?")
                .params(spec.provider().id(), spec.id(), clamped.temperature(), clamped.maxTokens(), sealedKey, session.sessionId())
                .update();
        log.info("Session model set to {} (custom key: {})", spec.id(), sealedKey != null);
        return new ModelSettings(spec.provider().id(), spec.id(), clamped.temperature(), clamped.maxTokens(), apiKey);
    }

    /** The session's settings, or the server's default model with its defaults. */
    public ModelSettings current(SessionContext session) {
        var stored = jdbc.sql("SELECT model_name, model_temperature, model_max_tokens, model_api_key FROM analysis_sessions WHERE session_id = ?")
                .param(session.sessionId())
                .query((rs, i) -> {
                    String name = rs.getString("model_name");
                    if (name == null) return null;
                    double temperature = rs.getDouble("model_temperature");
                    int maxTokens = rs.getInt("model_max_tokens");
                    return new Stored(name, temperature, maxTokens, rs.getString("model_api_key"));
                })
                .optional();
        if (stored.isPresent() && registry.find(stored.get().model()).isPresent()) {
            Stored s = stored.get();
            ModelSpec spec = registry.resolve(s.model());
            return new ModelSettings(spec.provider().id(), spec.id(), s.temperature(), s.maxTokens(), openKey(s.sealedKey()));
        }
        ModelSpec spec = registry.resolve(catalog.defaultModel());
        return new ModelSettings(spec.provider().id(), spec.id(), spec.defaults().temperature(), spec.defaults().maxTokens(), null);
    }

    private record Stored(String model, double temperature, int maxTokens, String sealedKey) {
    }

    private String openKey(String sealed) {
        if (sealed == null) return null;
        try {
            return secrets.open(sealed);
        } catch (IllegalArgumentException e) {
            // The server's secret key changed: the user has to enter their key again.
            log.warn("A stored user API key can no longer be decrypted; ignoring it");
            return null;
        }
    }
}
