package io.autoanalyst.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.autoanalyst.llm.ModelCatalog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The original's model settings routes, per session, and the model list. */
@RestController
@Tag(name = "Models", description = "Which model a session uses, and which models the server offers")
public class ModelSettingsController {

    private final ModelSettingsService settings;
    private final ModelCatalog catalog;

    public ModelSettingsController(ModelSettingsService settings, ModelCatalog catalog) {
        this.settings = settings;
        this.catalog = catalog;
    }

    public record ModelSettingsRequest(String provider, @NotBlank(message = "is required") String model, String apiKey,
                                       Double temperature, Integer maxTokens) {
        @Override
        public String toString() {
            return "ModelSettingsRequest[" + provider + "/" + model + ", apiKey=" + (apiKey == null || apiKey.isBlank() ? "none" : "***") + "]";
        }
    }

    /** camelCase names as the original sent them. The key itself is never returned. */
    public record ModelSettingsResponse(String provider, String model, @JsonProperty("hasCustomKey") boolean hasCustomKey,
                                        double temperature, @JsonProperty("maxTokens") int maxTokens) {
    }

    @PostMapping("/settings/model")
    @Operation(summary = "Choose the session's model (clamped to the provider's limits). Unknown model: 400, nothing changes")
    public Map<String, String> update(SessionContext session, @Valid @RequestBody ModelSettingsRequest body) {
        settings.update(session, body.model(), body.temperature(), body.maxTokens(), body.apiKey());
        return Map.of("message", "Model settings updated successfully");
    }

    @GetMapping("/api/model-settings")
    @Operation(summary = "The session's model settings (never the key itself)")
    public ModelSettingsResponse current(SessionContext session) {
        ModelSettings current = settings.current(session);
        return new ModelSettingsResponse(current.provider(), current.model(), current.hasCustomKey(), current.temperature(), current.maxTokens());
    }

    @GetMapping("/api/models")
    @Operation(summary = "Every model in the registry, with prices, tiers and whether its provider is configured")
    public Map<String, Object> models() {
        List<ModelCatalog.Listing> models = catalog.list();
        return Map.of("default_model", catalog.defaultModel(), "models", models);
    }
}
