package io.autoanalyst.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The seeded agent templates and the original's /templates routes, with per-user ownership. */
abstract class TemplateApiTests extends ApiTestBase {

    @Autowired
    TemplateSeeder seeder;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theTwelveOriginalAgentsAndBasicQaAreSeeded() {
        List<String> names = names(api.get("/templates/").json());
        assertThat(names).contains("preprocessing_agent", "statistical_analytics_agent", "sk_learn_agent", "data_viz_agent",
                "feature_engineering_agent", "polars_agent", "planner_preprocessing_agent", "planner_statistical_analytics_agent",
                "planner_sk_learn_agent", "planner_data_viz_agent", "planner_feature_engineering_agent", "planner_polars_agent",
                "basic_qa_agent");
        assertThat(names(api.get("/templates/?variant_type=planner").json()))
                .allMatch(n -> n.startsWith("planner_") || n.equals("basic_qa_agent"));
        assertThat(api.get("/templates/?variant_type=sideways").status()).isEqualTo(400);
    }

    @Test
    void reseedingChangesNothingAndNeverClobbersAnAdminsEdit() {
        jdbc.sql("UPDATE agent_templates SET prompt_template = 'edited by admin' WHERE template_name = 'polars_agent'").update();
        var result = seeder.seed(TemplateSeeder.readSeeds());
        assertThat(result.inserted()).isZero();
        assertThat(result.updated()).isZero();
        assertThat(result.keptEdited()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT prompt_template FROM agent_templates WHERE template_name = 'polars_agent'")
                .query(String.class).single()).isEqualTo("edited by admin");
    }

    @Test
    void anUneditedTemplateFollowsANewSeed() {
        TemplateSeed original = TemplateSeeder.readSeeds().stream().filter(s -> s.templateName().equals("sk_learn_agent")).findFirst().orElseThrow();
        TemplateSeed newer = new TemplateSeed(original.templateName(), original.displayName(), original.description(),
                original.promptTemplate() + "\n- Report cross-validated scores.", original.category(), original.variantType(),
                original.baseAgent(), original.premiumOnly(), original.active());
        try {
            assertThat(seeder.seed(List.of(newer)).updated()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT prompt_template FROM agent_templates WHERE template_name = 'sk_learn_agent'")
                    .query(String.class).single()).endsWith("cross-validated scores.");
        } finally {
            seeder.seed(List.of(original));
        }
    }

    @Test
    void categoriesUseTheOriginalAliases() {
        JsonNode categories = api.get("/templates/categories?variant_type=individual").json();
        assertThat(categories.isArray()).isTrue();
        JsonNode first = categories.get(0).path("templates").get(0);
        assertThat(first.has("agent_id")).isTrue();
        assertThat(first.has("agent_name")).isTrue();
        assertThat(api.get("/templates/categories/list").json().path("categories").toString()).contains("Data Visualization");
    }

    @Test
    void defaultsAreTheCoreAgentsAndAUserSeesOnlyTheirOwnPreferences() {
        Api ann = signedInUser("ann");
        long annId = me(ann).path("user_id").asLong();
        JsonNode enabled = ann.get("/templates/user/" + annId + "/enabled/planner").json();
        assertThat(names(enabled)).containsExactlyInAnyOrder("planner_preprocessing_agent", "planner_statistical_analytics_agent",
                "planner_sk_learn_agent", "planner_data_viz_agent", "basic_qa_agent");

        Api bob = signedInUser("bob");
        assertThat(bob.get("/templates/user/" + annId).status()).isEqualTo(404);
        long template = templateId("planner_polars_agent");
        assertThat(bob.post("/templates/user/" + annId + "/template/" + template + "/toggle", Map.of("is_enabled", true)).status()).isEqualTo(404);
    }

    @Test
    void toggleOnAndOffWithTheOriginalMessagesAndLimits() {
        Api ann = signedInUser("ann");
        long annId = me(ann).path("user_id").asLong();
        long polars = templateId("planner_polars_agent");
        Api.Response on = ann.post("/templates/user/" + annId + "/template/" + polars + "/toggle", Map.of("is_enabled", true));
        assertThat(on.json().path("message").asString()).isEqualTo("Template 'planner_polars_agent' enabled successfully");
        assertThat(names(ann.get("/templates/user/" + annId + "/enabled").json())).contains("planner_polars_agent");

        // switch everything planner-side off: the last one must stay
        List<Map<String, Object>> allOff = new ArrayList<>();
        for (JsonNode t : ann.get("/templates/user/" + annId + "?variant_type=planner").json()) {
            allOff.add(Map.of("template_id", t.path("template_id").asLong(), "is_enabled", false));
        }
        JsonNode results = ann.post("/templates/user/" + annId + "/bulk-toggle", Map.of("preferences", allOff)).json().path("results");
        long failures = StreamSupport.stream(results.spliterator(), false).filter(r -> !r.path("success").asBoolean()).count();
        assertThat(failures).isEqualTo(1);
        assertThat(results.toString()).contains("At least one agent must remain active");
        assertThat(ann.get("/templates/user/" + annId + "/enabled/planner").json()).hasSize(1);

        assertThat(ann.post("/templates/user/" + annId + "/bulk-toggle", Map.of("preferences", List.of())).detail())
                .isEqualTo("No preferences provided");
        assertThat(ann.post("/templates/user/" + annId + "/toggle", Map.of("template_id", polars, "is_enabled", true)).status())
                .as("the path the original frontend calls").isEqualTo(200);
    }

    private long templateId(String name) {
        for (JsonNode t : api.get("/templates/").json()) {
            if (t.path("template_name").asString().equals(name)) return t.path("template_id").asLong();
        }
        throw new AssertionError(name + " not seeded");
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(t -> names.add(t.path("template_name").asString()));
        return names;
    }
}
