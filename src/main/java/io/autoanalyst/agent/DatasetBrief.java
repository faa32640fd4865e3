package io.autoanalyst.agent;

import io.autoanalyst.dataset.profile.DatasetProfile;
import io.autoanalyst.dataset.DatasetService;
import io.autoanalyst.dataset.StoredDataset;
import io.autoanalyst.llm.DatasetSchema;
import io.autoanalyst.llm.DatasetSchemaJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code dataset} input of agents, made from the stored profiles: the first dataset as the
 * schema JSON both models and the offline analyst read (exact variable name, columns, dtypes,
 * sample values: a text column's most common values, then values of the first rows), with its
 * description, and the session's other datasets listed after it.
 */
@Component
public class DatasetBrief implements TurnDatasets {

    private static final int SAMPLES = 3;
    /** Descriptions kept; each is a few kilobytes plus its datasets' profile JSON. */
    private static final int CACHED = 256;

    private final DatasetService datasets;
    private final DatasetSchemaJson schemas;
    private final JsonMapper json;
    /**
     * Descriptions by the session's dataset rows they were made from. A turn used to parse every
     * profile JSON and write the description again (most of this class's CPU per turn); the rows are
     * the whole input, so equal rows give the same text, and a changed dataset (rows, profile,
     * description, order) is a different key. Rows carry their session id, so one session's
     * description is never given to another. Least recently used first out.
     */
    private final Map<List<StoredDataset>, String> described = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<StoredDataset>, String> eldest) {
            return size() > CACHED;
        }
    };

    public DatasetBrief(DatasetService datasets, JsonMapper json) {
        this.datasets = datasets;
        this.json = json;
        this.schemas = new DatasetSchemaJson(json);
    }

    @Override
    public Optional<String> describe(String sessionId) {
        List<StoredDataset> all = List.copyOf(datasets.datasets(sessionId));
        if (all.isEmpty()) return Optional.empty();
        synchronized (described) {
            String known = described.get(all);
            if (known != null) return Optional.of(known);
        }
        String text = write(all);
        synchronized (described) {
            described.put(all, text);
        }
        return Optional.of(text);
    }

    private String write(List<StoredDataset> all) {
        ObjectNode root = entry(all.getFirst());
        if (all.size() > 1) {
            ArrayNode others = root.putArray("other_datasets");
            all.subList(1, all.size()).forEach(d -> others.add(entry(d)));
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private ObjectNode entry(StoredDataset dataset) {
        DatasetSchema schema = schemaOf(dataset);
        ObjectNode node = (ObjectNode) json.readTree(schemas.write(schema));
        node.put("display_name", dataset.displayName());
        node.put("rows", dataset.rows());
        if (dataset.description() != null) node.put("description", dataset.description());
        return node;
    }

    DatasetSchema schemaOf(StoredDataset dataset) {
        DatasetProfile profile = datasets.profile(dataset);
        List<DatasetSchema.Column> columns = new ArrayList<>();
        if (profile != null) {
            for (int i = 0; i < profile.columns().size(); i++) {
                DatasetProfile.ColumnProfile column = profile.columns().get(i);
                // The most common values first: a question naming a category ("furnished houses") is read from them.
                Set<String> samples = new LinkedHashSet<>();
                column.topValues().stream().filter(v -> v.value() != null).forEach(v -> samples.add(String.valueOf(v.value())));
                int fromRows = 0;
                for (List<Object> row : profile.sampleRows()) {
                    if (fromRows >= SAMPLES) break;
                    Object value = i < row.size() ? row.get(i) : null;
                    if (value != null) {
                        samples.add(String.valueOf(value));
                        fromRows++;
                    }
                }
                columns.add(new DatasetSchema.Column(column.name(), column.dtype(), kindOf(column, profile.rows()),
                        List.copyOf(samples)));
            }
        }
        return new DatasetSchema(dataset.variable(), columns);
    }

    /** Text with few distinct values groups rows (yes/no flags, categories); free text does not. */
    static DatasetSchema.ColumnKind kindOf(DatasetProfile.ColumnProfile column, long rows) {
        return switch (column.type().toLowerCase(Locale.ROOT)) {
            case "integer", "decimal" -> DatasetSchema.ColumnKind.NUMERIC;
            case "boolean" -> DatasetSchema.ColumnKind.BOOL;
            case "date", "datetime" -> DatasetSchema.ColumnKind.DATETIME;
            default -> column.distinct() <= Math.max(20, rows / 20) ? DatasetSchema.ColumnKind.CATEGORICAL : DatasetSchema.ColumnKind.TEXT;
        };
    }
}
