package io.autoanalyst.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** "The model" without any key: the offline analyst behind the signature interface. */
class LlmRouterTest {

    static final Signature AGENT = new Signature("data_viz_agent", "Write Plotly code for the goal.",
            List.of(Signature.Field.text("goal", "the user's question"),
                    Signature.Field.json("dataset", "the dataset schema")),
            List.of(Signature.Field.code("code", "the code"), Signature.Field.text("summary", "what it shows")));

    @TempDir
    Path dir;

    private SqliteTestDatabase db;
    private UsageRepository usage;
    private ModelRegistry registry;

    @BeforeEach
    void setUp() throws Exception {
        db = new SqliteTestDatabase(dir);
        usage = new UsageRepository(db.jdbc);
        registry = new ModelRegistryLoader().loadBuiltIn();
    }

    private LlmRouter router(LlmSettings settings) {
        UsageRecorder recorder = new UsageRecorder(usage, registry, Clock.systemUTC());
        return new LlmRouter(new ModelCatalog(registry, settings),
                new ProviderLlmClient(registry, settings, new ProviderChatModels(settings), recorder, JsonMapper.shared()),
                new OfflineLlmClient(new OfflineAnalyst(), registry, recorder, JsonMapper.shared()));
    }

    @Test
    void withoutKeysTheDefaultModelIsTheOfflineAnalyst() {
        long user = db.insertUser("guest");
        String dataset = new DatasetSchemaJson(JsonMapper.shared()).write(HousingSchema.withVariable("df"));

        SignatureOutput output = router(LlmSettings.withoutKeys()).complete(AGENT,
                Map.of("goal", "average price by furnishingstatus", "dataset", dataset),
                new CallContext(user, null, "s-offline", null, null));

        assertThat(output.model()).isEqualTo("offline");
        assertThat(output.text("code")).contains("df.groupby(group_col)[value_col]").contains("'furnishingstatus'");
        assertThat(output.text("summary")).contains("Offline analyst");
        assertThat(usage.findBySession("s-offline")).singleElement().satisfies(row -> {
            assertThat(row.provider()).isEqualTo("offline");
            assertThat(row.modelName()).isEqualTo("offline");
            assertThat(row.agentName()).isEqualTo("data_viz_agent");
            assertThat(row.totalTokens()).isZero();
            assertThat(row.cost()).isEqualByComparingTo("0");
            assertThat(row.successful()).isTrue();
            assertThat(row.userId()).isEqualTo(user);
        });
    }

    @Test
    void aTaskTheOfflineAnalystCannotDoNeedsAModel() {
        Signature planner = new Signature("planner", "Plan.", List.of(Signature.Field.text("goal", "g")),
                List.of(Signature.Field.json("plan", "the plan")));

        assertThatThrownBy(() -> router(LlmSettings.withoutKeys()).complete(planner, Map.of("goal", "x"),
                new CallContext(null, null, "s-plan", null, null)))
                .isInstanceOf(LlmUnavailable.class)
                .hasMessageContaining("OPENAI_API_KEY");
        assertThat(usage.findBySession("s-plan")).singleElement()
                .satisfies(row -> assertThat(row.successful()).isFalse());
    }

    @Test
    void theOfflineAnalystPlansOneStepWithTheAgentWhoseJobTheIntentIs() {
        Signature planner = new Signature("analytical_planner", "Plan.",
                List.of(Signature.Field.text("goal", "g"), Signature.Field.text("dataset", "d"),
                        Signature.Field.text("agent_desc", "a")),
                List.of(Signature.Field.text("complexity", "c"), Signature.Field.text("plan", "p"),
                        Signature.Field.json("plan_instructions", "i")));
        String dataset = new DatasetSchemaJson(JsonMapper.shared()).write(HousingSchema.withVariable("housing"));
        String agents = "planner_preprocessing_agent: cleans\nplanner_data_viz_agent: charts\nbasic_qa_agent: answers";

        SignatureOutput chart = router(LlmSettings.withoutKeys()).complete(planner,
                Map.of("goal", "show the distribution of price", "dataset", dataset, "agent_desc", agents),
                new CallContext(null, null, "s-offline-plan", null, null));
        SignatureOutput unknownIntent = router(LlmSettings.withoutKeys()).complete(planner,
                Map.of("goal", "write me a poem", "dataset", dataset, "agent_desc", "basic_qa_agent: answers\nplanner_preprocessing_agent: cleans"),
                CallContext.system());

        assertThat(chart.text("complexity")).isEqualTo("basic");
        assertThat(chart.text("plan")).isEqualTo("planner_data_viz_agent");
        assertThat(chart.text("plan_instructions")).contains("\"planner_data_viz_agent\"").contains("\"use\":[\"housing\"]");
        assertThat(unknownIntent.text("plan")).as("the honest refusal is code too").isEqualTo("planner_preprocessing_agent");
        assertThat(usage.findBySession("s-offline-plan")).singleElement()
                .satisfies(row -> assertThat(row.agentName()).isEqualTo("analytical_planner"));
    }

    @Test
    void theOfflineAnalystTitlesAChatWithTheQuestionsWords() {
        Signature title = new Signature("chat_history_name", "Name it.", List.of(Signature.Field.text("query", "q")),
                List.of(Signature.Field.text("name", "n")));

        SignatureOutput output = router(LlmSettings.withoutKeys()).complete(title,
                Map.of("query", "Show me the distribution of house prices"), CallContext.system());

        assertThat(output.text("name")).isEqualTo("Distribution House Prices");
    }

    @Test
    void anUnknownModelIsRefusedListingTheValidOnes() {
        assertThatThrownBy(() -> router(LlmSettings.withoutKeys()).complete(AGENT, Map.of("goal", "x", "dataset", "{}"),
                CallContext.system(), CallOptions.model("gpt-4o-mini")))
                .isInstanceOf(UnknownModel.class)
                .hasMessageContaining("gpt-5-mini")
                .hasMessageContaining("offline");
    }

    @Test
    void theDefaultFollowsTheFirstConfiguredProvider() {
        LlmSettings anthropicOnly = new LlmSettings(null, null, null, null, 2, null, null,
                new LlmSettings.ProviderSettings("sk-ant", null), null, null);

        assertThat(new ModelCatalog(registry, anthropicOnly).defaultModel()).isEqualTo("claude-sonnet-4-6");
        assertThat(new ModelCatalog(registry, LlmSettings.withoutKeys()).defaultModel()).isEqualTo("offline");
    }

    @Test
    void modelNameWinsAndIsResolvedIgnoringCase() {
        LlmSettings settings = new LlmSettings("GPT-OSS-20b", null, null, null, 2, null, null, null, null,
                new LlmSettings.ProviderSettings("gsk", null));

        assertThat(new ModelCatalog(registry, settings).defaultModel()).isEqualTo("gpt-oss-20B");
    }

    @Test
    void anUnknownModelNameStopsStartUp() {
        LlmSettings settings = new LlmSettings("gpt-4o-mini", null, null, null, 2, null, null, null, null, null);

        assertThatThrownBy(() -> new ModelCatalog(registry, settings)).isInstanceOf(UnknownModel.class);
    }

    @Test
    void theListingSaysWhichProvidersAreConfigured() {
        LlmSettings localOpenAi = new LlmSettings(null, null, null, null, 2, null,
                new LlmSettings.ProviderSettings(null, "http://127.0.0.1:11434/v1"), null, null, null);

        List<ModelCatalog.Listing> listing = new ModelCatalog(registry, localOpenAi).list();

        assertThat(listing).hasSize(21);
        assertThat(listing).filteredOn(ModelCatalog.Listing::configured).extracting(ModelCatalog.Listing::provider)
                .containsOnly("openai", "offline");
        assertThat(listing).filteredOn(ModelCatalog.Listing::isDefault).extracting(ModelCatalog.Listing::id)
                .containsExactly("gpt-5-mini");
        assertThat(listing.toString()).doesNotContain("apiKey");
    }

    @Test
    void settingsNeverPrintKeys() {
        LlmSettings settings = new LlmSettings(null, null, null, null, 2, null,
                new LlmSettings.ProviderSettings("sk-secret-value", null), null, null, null);

        assertThat(settings.toString()).doesNotContain("sk-secret-value");
        assertThat(new CallContext(1L, null, null, null, "sk-user-secret").toString()).doesNotContain("sk-user-secret");
    }
}
