package io.autoanalyst.template;

import io.autoanalyst.session.Caller;
import io.autoanalyst.web.BadRequest;
import io.autoanalyst.web.NotFound;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which agents a user has switched on. Without a preference row the core agents are on and the
 * others off, as in the original. The planner may use between 1 and 10 agents.
 */
@Service
public class TemplateService {

    public static final int MAX_PLANNER_AGENTS = 10;
    static final Set<String> CORE_AGENTS = Set.of("preprocessing_agent", "statistical_analytics_agent", "sk_learn_agent",
            "data_viz_agent", "basic_qa_agent");

    private final TemplateRepository templates;
    private final Clock clock;

    public TemplateService(TemplateRepository templates, Clock clock) {
        this.templates = templates;
        this.clock = clock;
    }

    public enum Variant {
        ALL, INDIVIDUAL, PLANNER;

        public static Variant parse(String value, Variant fallback) {
            if (value == null || value.isBlank()) return fallback;
            return switch (value.strip().toLowerCase()) {
                case "all" -> ALL;
                case "individual" -> INDIVIDUAL;
                case "planner" -> PLANNER;
                default -> throw new BadRequest("variant_type must be one of all, individual, planner");
            };
        }

        boolean includes(AgentTemplate t) {
            return switch (this) {
                case ALL -> true;
                case INDIVIDUAL -> t.forIndividualUse();
                case PLANNER -> t.forPlanner();
            };
        }
    }

    /** A template with its usage over all users. */
    public record TemplateView(AgentTemplate template, long globalUsage) {
    }

    /** A template as one user sees it: whether it is on for them, and their own usage. */
    public record UserTemplateView(AgentTemplate template, boolean enabled, int usageCount, Instant lastUsedAt,
                                   Instant createdAt, Instant updatedAt) {
    }

    public List<TemplateView> active(Variant variant) {
        Map<Long, Long> usage = templates.globalUsage();
        return templates.all().stream()
                .filter(AgentTemplate::active)
                .filter(variant::includes)
                .map(t -> new TemplateView(t, usage.getOrDefault(t.templateId(), 0L)))
                .toList();
    }

    public TemplateView get(long templateId) {
        AgentTemplate t = templates.find(templateId).orElseThrow(() -> new NotFound("Template " + templateId + " not found"));
        return new TemplateView(t, templates.globalUsage().getOrDefault(templateId, 0L));
    }

    public List<UserTemplateView> forUser(Caller caller, long userId, Variant variant) {
        requireSelf(caller, userId);
        return viewsFor(userId, variant);
    }

    /** What a user without any preference sees: the core agents on, the others off. */
    public List<UserTemplateView> defaults(Variant variant) {
        return templates.all().stream()
                .filter(AgentTemplate::active)
                .filter(variant::includes)
                .map(t -> new UserTemplateView(t, enabledByDefault(t), 0, null, null, null))
                .toList();
    }

    public List<UserTemplateView> defaultsForPlanner() {
        return defaults(Variant.PLANNER).stream().filter(UserTemplateView::enabled).limit(MAX_PLANNER_AGENTS).toList();
    }

    /** The planner's agents for this user: enabled ones, most used first, at most ten. */
    public List<UserTemplateView> enabledForPlanner(long userId) {
        return viewsFor(userId, Variant.PLANNER).stream()
                .filter(UserTemplateView::enabled)
                .sorted(Comparator.comparingInt(UserTemplateView::usageCount).reversed()
                        .thenComparing(UserTemplateView::lastUsedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .limit(MAX_PLANNER_AGENTS)
                .toList();
    }

    @Transactional
    public String toggle(Caller caller, long userId, long templateId, boolean enable) {
        requireSelf(caller, userId);
        AgentTemplate template = templates.find(templateId).filter(AgentTemplate::active)
                .orElseThrow(() -> new BadRequest("Template " + templateId + " does not exist or is not active"));
        List<UserTemplateView> planner = viewsFor(userId, Variant.PLANNER);
        long enabledNow = planner.stream().filter(UserTemplateView::enabled).count();
        boolean currentlyOn = planner.stream().anyMatch(v -> v.template().templateId() == templateId && v.enabled());
        if (template.forPlanner() && !enable && currentlyOn && enabledNow <= 1) {
            throw new BadRequest("Cannot disable the last active agent. At least one agent must remain active.");
        }
        if (template.forPlanner() && enable && !currentlyOn && enabledNow >= MAX_PLANNER_AGENTS) {
            throw new BadRequest("Cannot enable more than " + MAX_PLANNER_AGENTS + " templates for planner use");
        }
        templates.setEnabled(userId, templateId, enable, clock.instant());
        return "Template '" + template.templateName() + "' " + (enable ? "enabled" : "disabled") + " successfully";
    }

    public record ToggleRequest(long templateId, boolean enabled) {
    }

    public record ToggleResult(long templateId, boolean success, String message, boolean isEnabled) {
    }

    /** Applies each change in order; a change that would break the 1..10 rule fails alone. */
    @Transactional
    public List<ToggleResult> bulkToggle(Caller caller, long userId, List<ToggleRequest> changes) {
        requireSelf(caller, userId);
        if (changes == null || changes.isEmpty()) {
            throw new BadRequest("No preferences provided");
        }
        List<ToggleResult> results = new ArrayList<>();
        for (ToggleRequest change : changes) {
            try {
                results.add(new ToggleResult(change.templateId(), true,
                        toggle(caller, userId, change.templateId(), change.enabled()), change.enabled()));
            } catch (BadRequest refused) {
                results.add(new ToggleResult(change.templateId(), false, refused.getMessage(), !change.enabled()));
            }
        }
        return results;
    }

    /** Counts a run of an agent for the planner's ordering. */
    public void recordUse(long userId, String templateName) {
        templates.findByName(templateName).ifPresent(t ->
                templates.recordUse(userId, t.templateId(), enabledByDefault(t), clock.instant()));
    }

    private List<UserTemplateView> viewsFor(long userId, Variant variant) {
        var preferences = templates.preferences(userId);
        return templates.all().stream()
                .filter(AgentTemplate::active)
                .filter(variant::includes)
                .map(t -> {
                    var p = preferences.get(t.templateId());
                    return p == null
                            ? new UserTemplateView(t, enabledByDefault(t), 0, null, null, null)
                            : new UserTemplateView(t, p.enabled(), p.usageCount(), p.lastUsedAt(), p.createdAt(), p.updatedAt());
                })
                .toList();
    }

    static boolean enabledByDefault(AgentTemplate t) {
        return CORE_AGENTS.contains(t.baseAgent() == null ? t.templateName() : t.baseAgent());
    }

    /** Preferences are private: another user's id is answered as if it did not exist. */
    private static void requireSelf(Caller caller, long userId) {
        if (caller.userId() != userId) {
            throw new NotFound("User " + userId + " not found");
        }
    }
}
