package io.autoanalyst.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.autoanalyst.llm.ModelCatalog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.LinkedHashMap;
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

    /** A value a model's limit changed: what was asked for and what was saved. */
    public record Adjustment(Number requested, Number applied) {
    }

    @PostMapping("/settings/model")
    @Operation(summary = "Choose the session's model, clamped to the model's limits (`adjusted` says what a limit changed). Unknown model: 400, nothing changes")
    public Map<String, Object> update(SessionContext session, @Valid @RequestBody ModelSettingsRequest body) {
        ModelSettings stored = settings.update(session, body.model(), body.temperature(), body.maxTokens(), body.apiKey());
        // Say so when a limit changed what was asked: the original frontend reads maxTokens back and would
        // otherwise show 4096 after saving 5000 with no explanation.
        Map<String, Object> adjusted = new LinkedHashMap<>();
        if (body.maxTokens() != null && body.maxTokens() != stored.maxTokens()) {
            adjusted.put("max_tokens", new Adjustment(body.maxTokens(), stored.maxTokens()));
        }
        if (body.temperature() != null && Double.compare(body.temperature(), stored.temperature()) != 0) {
            adjusted.put("temperature", new Adjustment(body.temperature(), stored.temperature()));
        }
        Map<String, Object> response = new LinkedHashMap<>();
        if (adjusted.isEmpty()) {
            response.put("message", "Model settings updated successfully");
        } else {
            response.put("message", "Model settings updated; " + stored.model() + " allows "
                    + (adjusted.containsKey("max_tokens") ? "at most " + stored.maxTokens() + " max tokens" : "")
                    + (adjusted.size() == 2 ? " and " : "")
                    + (adjusted.containsKey("temperature") ? "temperature " + stored.temperature() : "")
                    + ", so that is what was saved");
            response.put("adjusted", adjusted);
        }
        response.put("model", stored.model());
        response.put("temperature", stored.temperature());
        response.put("max_tokens", stored.maxTokens());
        return response;
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
