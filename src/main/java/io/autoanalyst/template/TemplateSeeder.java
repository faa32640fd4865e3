package io.autoanalyst.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Brings the default agent templates from {@code resources/agents/*.yaml} into the database on
 * start. New names are inserted. An existing row is replaced by a changed seed only while it still
 * holds exactly what was seeded: once an admin edits a template, upgrades leave it alone.
 */
@Component
public class TemplateSeeder {

    private static final Logger log = LoggerFactory.getLogger(TemplateSeeder.class);
    static final String LOCATION = "classpath*:agents/*.yaml";

    private final TemplateRepository templates;
    private final Clock clock;

    public TemplateSeeder(TemplateRepository templates, Clock clock) {
        this.templates = templates;
        this.clock = clock;
    }

    @Transactional
    public SeedResult seed(List<TemplateSeed> seeds) {
        int inserted = 0;
        int updated = 0;
        int keptEdited = 0;
        for (TemplateSeed seed : seeds) {
            var state = templates.seedState(seed.templateName());
            if (state.isEmpty()) {
                templates.insert(seed, clock.instant());
                inserted++;
            } else if (!state.get().currentHash().equals(seed.contentHash())) {
                if (state.get().editedSinceSeeding()) {
                    keptEdited++;
                } else {
                    templates.replaceWithSeed(seed, clock.instant());
                    updated++;
                }
            }
        }
        SeedResult result = new SeedResult(inserted, updated, keptEdited);
        log.info("Agent templates: {} inserted, {} updated, {} kept as edited by an admin", inserted, updated, keptEdited);
        return result;
    }

    public record SeedResult(int inserted, int updated, int keptEdited) {
    }

    /** Reads every seed file; a malformed one stops the start with its name in the message. */
    public static List<TemplateSeed> readSeeds() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(LOCATION);
            List<TemplateSeed> seeds = new ArrayList<>();
            for (Resource resource : resources) {
                seeds.add(parse(resource));
            }
            seeds.sort(Comparator.comparing(TemplateSeed::templateName));
            return seeds;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the agent template seeds", e);
        }
    }

    static TemplateSeed parse(Resource resource) throws IOException {
        try (InputStream in = resource.getInputStream()) {
            Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return new TemplateSeed(
                    (String) doc.get("template_name"),
                    (String) doc.get("display_name"),
                    (String) doc.get("description"),
                    ((String) doc.get("prompt_template")).strip(),
                    (String) doc.get("category"),
                    (String) doc.get("variant_type"),
                    (String) doc.get("base_agent"),
                    Boolean.TRUE.equals(doc.get("is_premium_only")),
                    !Boolean.FALSE.equals(doc.get("is_active")));
        } catch (RuntimeException e) {
            throw new IllegalStateException("Agent template seed " + resource.getFilename() + " is malformed: " + e.getMessage(), e);
        }
    }
}
