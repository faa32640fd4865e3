package io.autoanalyst.template;

import io.autoanalyst.session.Caller;
import io.autoanalyst.session.IdentityRequired;
import java.util.Optional;
import io.autoanalyst.template.TemplateService.Variant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original's /templates routes. Catalogue routes are public; per-user routes answer only for
 * the caller's own user id (another id is 404).
 */
@RestController
@RequestMapping("/templates")
@Tag(name = "Templates", description = "Agent templates and which ones each user has enabled")
public class TemplateController {

    private final TemplateService service;

    public TemplateController(TemplateService service) {
        this.service = service;
    }

    public record TemplateResponse(long templateId, String templateName, String displayName, String description,
                                   String promptTemplate, String templateCategory, String iconUrl, boolean isPremiumOnly,
                                   boolean isActive, long usageCount, Instant createdAt, Instant updatedAt) {
        static TemplateResponse of(TemplateService.TemplateView v) {
            AgentTemplate t = v.template();
            return new TemplateResponse(t.templateId(), t.templateName(), t.displayName(), t.description(), t.promptTemplate(),
                    t.category(), t.iconUrl(), t.premiumOnly(), t.active(), v.globalUsage(), t.createdAt(), t.updatedAt());
        }
    }

    public record UserTemplateResponse(long templateId, String templateName, String displayName, String description,
                                       String templateCategory, String iconUrl, boolean isPremiumOnly, boolean isActive,
                                       boolean isEnabled, int usageCount, Instant lastUsedAt, Instant createdAt, Instant updatedAt) {
        static UserTemplateResponse of(TemplateService.UserTemplateView v) {
            AgentTemplate t = v.template();
            return new UserTemplateResponse(t.templateId(), t.templateName(), t.displayName(), t.description(), t.category(),
                    t.iconUrl(), t.premiumOnly(), t.active(), v.enabled(), v.usageCount(), v.lastUsedAt(), v.createdAt(), v.updatedAt());
        }
    }

    /** The shape of /templates/categories entries, with the original's agent_id/agent_name aliases. */
    public record CategoryTemplate(long agentId, String agentName, String displayName, String description, String promptTemplate,
                                   String templateCategory, String iconUrl, boolean isPremiumOnly, boolean isActive,
                                   long usageCount, Instant createdAt) {
    }

    public record Category(String category, List<CategoryTemplate> templates) {
    }

    public record Toggle(@NotNull(message = "is required") Boolean isEnabled, Long templateId) {
    }

    public record BulkToggle(List<Preference> preferences) {
        public record Preference(@NotNull Long templateId, @NotNull Boolean isEnabled) {
        }
    }

    public record Message(String message) {
    }

    @GetMapping({"", "/"})
    @Operation(summary = "Active templates (variant_type: all, individual, planner)")
    public List<TemplateResponse> list(@RequestParam(name = "variant_type", required = false) String variant) {
        return service.active(Variant.parse(variant, Variant.ALL)).stream().map(TemplateResponse::of).toList();
    }

    @GetMapping("/template/{templateId}")
    @Operation(summary = "One template, active or not")
    public TemplateResponse get(@PathVariable long templateId) {
        return TemplateResponse.of(service.get(templateId));
    }

    @GetMapping("/categories/list")
    @Operation(summary = "Distinct categories of active templates")
    public Map<String, List<String>> categoryNames() {
        return Map.of("categories", service.active(Variant.ALL).stream()
                .map(v -> v.template().category()).filter(c -> c != null).distinct().sorted().toList());
    }

    @GetMapping("/categories")
    @Operation(summary = "Active templates grouped by category (variant_type default individual)")
    public List<Category> categories(@RequestParam(name = "variant_type", required = false) String variant) {
        Map<String, List<CategoryTemplate>> grouped = new TreeMap<>();
        for (var v : service.active(Variant.parse(variant, Variant.INDIVIDUAL))) {
            AgentTemplate t = v.template();
            grouped.computeIfAbsent(t.category() == null ? "Uncategorized" : t.category(), k -> new java.util.ArrayList<>())
                    .add(new CategoryTemplate(t.templateId(), t.templateName(), t.displayName(), t.description(), t.promptTemplate(),
                            t.category(), t.iconUrl(), t.premiumOnly(), t.active(), v.globalUsage(), t.createdAt()));
        }
        return grouped.entrySet().stream()
                .map(e -> new Category(e.getKey(), e.getValue().stream()
                        .sorted(java.util.Comparator.comparing(CategoryTemplate::agentName)).toList()))
                .toList();
    }

    @GetMapping("/category/{category}")
    @Operation(summary = "Active templates of one category")
    public List<TemplateResponse> byCategory(@PathVariable String category) {
        return service.active(Variant.ALL).stream()
                .filter(v -> category.equalsIgnoreCase(String.valueOf(v.template().category())))
                .map(TemplateResponse::of).toList();
    }

    @GetMapping("/user/{userId}")
    @Operation(summary = "The caller's preferences for every active template of a variant (default planner)")
    public List<UserTemplateResponse> forUser(Optional<Caller> caller, @PathVariable long userId,
                                              @RequestParam(name = "variant_type", required = false) String variant) {
        return views(caller, userId, Variant.parse(variant, Variant.PLANNER)).stream().map(UserTemplateResponse::of).toList();
    }

    @GetMapping("/user/{userId}/enabled")
    @Operation(summary = "The caller's enabled templates of a variant (default planner)")
    public List<UserTemplateResponse> enabled(Optional<Caller> caller, @PathVariable long userId,
                                              @RequestParam(name = "variant_type", required = false) String variant) {
        return views(caller, userId, Variant.parse(variant, Variant.PLANNER)).stream()
                .filter(TemplateService.UserTemplateView::enabled).map(UserTemplateResponse::of).toList();
    }

    @GetMapping("/user/{userId}/enabled/planner")
    @Operation(summary = "The agents the planner will use for the caller: enabled, most used first, at most 10")
    public List<UserTemplateResponse> enabledForPlanner(Optional<Caller> caller, @PathVariable long userId) {
        if (caller.isEmpty()) {
            return service.defaultsForPlanner().stream().map(UserTemplateResponse::of).toList();
        }
        service.forUser(caller.get(), userId, Variant.PLANNER);
        return service.enabledForPlanner(userId).stream().map(UserTemplateResponse::of).toList();
    }

    /**
     * The original frontend reads preferences with plain fetches that carry no identity: they get the defaults
     * every new user starts with, never anyone's own choices.
     */
    private List<TemplateService.UserTemplateView> views(Optional<Caller> caller, long userId, Variant variant) {
        return caller.isPresent() ? service.forUser(caller.get(), userId, variant) : service.defaults(variant);
    }

    @PostMapping("/user/{userId}/template/{templateId}/toggle")
    @Operation(summary = "Enable or disable one template for the caller")
    public Message toggle(Optional<Caller> caller, @PathVariable long userId, @PathVariable long templateId, @Valid @RequestBody Toggle body) {
        return new Message(service.toggle(caller.orElseThrow(IdentityRequired::new), userId, templateId, body.isEnabled()));
    }

    /** The path the original's frontend actually calls (it has no route in the original). */
    @PostMapping("/user/{userId}/toggle")
    @Operation(summary = "Enable or disable one template (template_id in the body)")
    public Message toggleFromBody(Optional<Caller> identified, @PathVariable long userId, @Valid @RequestBody Toggle body) {
        Caller caller = identified.orElseThrow(IdentityRequired::new);
        if (body.templateId() == null) {
            throw new io.autoanalyst.web.BadRequest("template_id: is required");
        }
        return new Message(service.toggle(caller, userId, body.templateId(), body.isEnabled()));
    }

    @PostMapping("/user/{userId}/bulk-toggle")
    @Operation(summary = "Enable or disable several templates; each change succeeds or fails on its own")
    public Map<String, List<TemplateService.ToggleResult>> bulkToggle(Optional<Caller> identified, @PathVariable long userId,
                                                                        @RequestBody BulkToggle body) {
        Caller caller = identified.orElseThrow(IdentityRequired::new);
        var changes = body.preferences() == null ? List.<TemplateService.ToggleRequest>of() : body.preferences().stream()
                .map(p -> new TemplateService.ToggleRequest(p.templateId(), p.isEnabled())).toList();
        return Map.of("results", service.bulkToggle(caller, userId, changes));
    }
}
