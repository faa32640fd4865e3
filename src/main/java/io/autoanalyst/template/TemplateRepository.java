package io.autoanalyst.template;

import io.autoanalyst.db.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for agent_templates and user_template_preferences. */
@Repository
public class TemplateRepository {

    private static final String COLUMNS = "template_id, template_name, display_name, description, prompt_template, icon_url, "
            + "category, is_premium_only, variant_type, base_agent, is_active, created_at, updated_at";

    private final JdbcClient jdbc;

    public TemplateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<AgentTemplate> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_templates ORDER BY template_name").query(TemplateRepository::map).list();
    }

    public Optional<AgentTemplate> find(long templateId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_templates WHERE template_id = ?").param(templateId)
                .query(TemplateRepository::map).optional();
    }

    public Optional<AgentTemplate> findByName(String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_templates WHERE template_name = ?").param(name)
                .query(TemplateRepository::map).optional();
    }

    /** The row's current editable content hash and the hash it was seeded with, by name. */
    public Optional<SeedState> seedState(String name) {
        return jdbc.sql("SELECT display_name, description, prompt_template, category, variant_type, base_agent, "
                        + "is_premium_only, is_active, seed_hash FROM agent_templates WHERE template_name = ?")
                .param(name)
                .query((rs, i) -> new SeedState(TemplateSeed.hash(rs.getString("display_name"), rs.getString("description"),
                        rs.getString("prompt_template"), rs.getString("category"), rs.getString("variant_type"),
                        rs.getString("base_agent"), String.valueOf(rs.getBoolean("is_premium_only")),
                        String.valueOf(rs.getBoolean("is_active"))), rs.getString("seed_hash")))
                .optional();
    }

    public record SeedState(String currentHash, String seededHash) {
        boolean editedSinceSeeding() {
            return seededHash == null || !seededHash.equals(currentHash);
        }
    }

    public void insert(TemplateSeed seed, Instant now) {
        jdbc.sql("INSERT INTO agent_templates (template_name, display_name, description, prompt_template, category, "
                        + "is_premium_only, variant_type, base_agent, is_active, seed_hash, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (template_name) DO NOTHING")
                .params(seed.templateName(), seed.displayName(), seed.description(), seed.promptTemplate(), seed.category(),
                        seed.premiumOnly(), seed.variantType(), seed.baseAgent(), seed.active(), seed.contentHash(),
                        SqlTime.of(now), SqlTime.of(now))
                .update();
    }

    public void replaceWithSeed(TemplateSeed seed, Instant now) {
        jdbc.sql("UPDATE agent_templates SET display_name = ?, description = ?, prompt_template = ?, category = ?, "
                        + "is_premium_only = ?, variant_type = ?, base_agent = ?, is_active = ?, seed_hash = ?, updated_at = ? "
                        + "WHERE template_name = ?")
                .params(seed.displayName(), seed.description(), seed.promptTemplate(), seed.category(), seed.premiumOnly(),
                        seed.variantType(), seed.baseAgent(), seed.active(), seed.contentHash(), SqlTime.of(now),
                        seed.templateName())
                .update();
    }

    /** This user's preference rows by template id. */
    public Map<Long, Preference> preferences(long userId) {
        return jdbc.sql("SELECT template_id, is_enabled, usage_count, last_used_at, created_at, updated_at "
                        + "FROM user_template_preferences WHERE user_id = ?")
                .param(userId)
                .query((rs, i) -> new Preference(rs.getLong("template_id"), rs.getBoolean("is_enabled"), rs.getInt("usage_count"),
                        SqlTime.read(rs, "last_used_at"), SqlTime.read(rs, "created_at"), SqlTime.read(rs, "updated_at")))
                .list().stream()
                .collect(java.util.stream.Collectors.toMap(Preference::templateId, p -> p));
    }

    public record Preference(long templateId, boolean enabled, int usageCount, Instant lastUsedAt, Instant createdAt,
                             Instant updatedAt) {
    }

    public void setEnabled(long userId, long templateId, boolean enabled, Instant now) {
        int updated = jdbc.sql("UPDATE user_template_preferences SET is_enabled = ?, updated_at = ? WHERE user_id = ? AND template_id = ?")
                .params(enabled, SqlTime.of(now), userId, templateId).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO user_template_preferences (user_id, template_id, is_enabled, usage_count, created_at, updated_at) "
                            + "VALUES (?, ?, ?, 0, ?, ?)")
                    .params(userId, templateId, enabled, SqlTime.of(now), SqlTime.of(now)).update();
        }
    }

    /**
     * Counts one use. A missing row is created with the enablement the user already had by default,
     * so counting a use never switches an agent off (the original created it disabled).
     */
    public void recordUse(long userId, long templateId, boolean enabledByDefault, Instant now) {
        int updated = jdbc.sql("UPDATE user_template_preferences SET usage_count = usage_count + 1, last_used_at = ?, updated_at = ? "
                        + "WHERE user_id = ? AND template_id = ?")
                .params(SqlTime.of(now), SqlTime.of(now), userId, templateId).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO user_template_preferences (user_id, template_id, is_enabled, usage_count, last_used_at, created_at, updated_at) "
                            + "VALUES (?, ?, ?, 1, ?, ?, ?)")
                    .params(userId, templateId, enabledByDefault, SqlTime.of(now), SqlTime.of(now), SqlTime.of(now)).update();
        }
    }

    /** Usage over all users, by template id (the original's "global usage"). */
    public Map<Long, Long> globalUsage() {
        return jdbc.sql("SELECT template_id, sum(usage_count) AS total FROM user_template_preferences GROUP BY template_id")
                .query((rs, i) -> Map.entry(rs.getLong("template_id"), rs.getLong("total")))
                .list().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static AgentTemplate map(ResultSet rs, int row) throws SQLException {
        return new AgentTemplate(rs.getLong("template_id"), rs.getString("template_name"), rs.getString("display_name"),
                rs.getString("description"), rs.getString("prompt_template"), rs.getString("icon_url"), rs.getString("category"),
                rs.getBoolean("is_premium_only"), rs.getString("variant_type"), rs.getString("base_agent"),
                rs.getBoolean("is_active"), SqlTime.read(rs, "created_at"), SqlTime.read(rs, "updated_at"));
    }
}
