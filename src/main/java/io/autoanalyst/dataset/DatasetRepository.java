package io.autoanalyst.dataset;

import io.autoanalyst.db.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the datasets table; portable between SQLite and PostgreSQL. */
@Repository
public class DatasetRepository {

    private static final String COLUMNS = "dataset_id, session_id, var_name, display_name, description, source_name, format, "
            + "storage_path, row_count, column_count, size_bytes, profile, position, is_default, created_at";

    private final JdbcClient jdbc;

    public DatasetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The session's datasets, first (the one bound to {@code df}) first. */
    public List<StoredDataset> list(String sessionId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM datasets WHERE session_id = ? ORDER BY position, dataset_id")
                .param(sessionId)
                .query(DatasetRepository::map)
                .list();
    }

    public Optional<StoredDataset> find(String sessionId, String variable) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM datasets WHERE session_id = ? AND var_name = ?")
                .params(sessionId, variable)
                .query(DatasetRepository::map)
                .optional();
    }

    public boolean hasAny(String sessionId) {
        return jdbc.sql("SELECT COUNT(*) FROM datasets WHERE session_id = ?").param(sessionId).query(Long.class).single() > 0;
    }

    public void insert(StoredDataset d, Instant now) {
        jdbc.sql("INSERT INTO datasets (session_id, var_name, display_name, description, source_name, format, storage_path, "
                        + "row_count, column_count, size_bytes, profile, position, is_default, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(d.sessionId(), d.variable(), d.displayName(), d.description(), d.sourceName(), d.format(),
                        d.storagePath(), d.rows(), d.columns(), d.sizeBytes(), d.profileJson(), d.position(), d.isDefault(),
                        SqlTime.of(now))
                .update();
    }

    /** Inserts the default dataset unless the session already has a dataset; true if this call inserted it. */
    public boolean insertIfSessionEmpty(StoredDataset d, Instant now) {
        return jdbc.sql("INSERT INTO datasets (session_id, var_name, display_name, description, source_name, format, storage_path, "
                        + "row_count, column_count, size_bytes, profile, position, is_default, created_at) "
                        + "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? "
                        + "WHERE NOT EXISTS (SELECT 1 FROM datasets WHERE session_id = ?) "
                        + "ON CONFLICT (session_id, var_name) DO NOTHING")
                .params(d.sessionId(), d.variable(), d.displayName(), d.description(), d.sourceName(), d.format(),
                        d.storagePath(), d.rows(), d.columns(), d.sizeBytes(), d.profileJson(), d.position(), d.isDefault(),
                        SqlTime.of(now), d.sessionId())
                .update() == 1;
    }

    public int deleteAll(String sessionId) {
        return jdbc.sql("DELETE FROM datasets WHERE session_id = ?").param(sessionId).update();
    }

    /** Records the size of a kernel copy written after its row was stored. */
    public int updateSize(String storagePath, long sizeBytes) {
        return jdbc.sql("UPDATE datasets SET size_bytes = ? WHERE storage_path = ?").params(sizeBytes, storagePath).update();
    }

    public int delete(String sessionId, String variable) {
        return jdbc.sql("DELETE FROM datasets WHERE session_id = ? AND var_name = ?").params(sessionId, variable).update();
    }

    static StoredDataset map(ResultSet rs, int row) throws SQLException {
        return new StoredDataset(rs.getLong("dataset_id"), rs.getString("session_id"), rs.getString("var_name"),
                rs.getString("display_name"), rs.getString("description"), rs.getString("source_name"),
                rs.getString("format"), rs.getString("storage_path"), rs.getLong("row_count"), rs.getInt("column_count"),
                rs.getLong("size_bytes"), rs.getString("profile"), rs.getInt("position"), rs.getBoolean("is_default"),
                SqlTime.read(rs, "created_at"));
    }
}
