package io.autoanalyst.dataset;

import io.autoanalyst.dataset.detect.ColumnType;
import io.autoanalyst.dataset.detect.DataFormat;
import io.autoanalyst.dataset.detect.PythonIdentifiers;
import io.autoanalyst.dataset.profile.DatasetDescriber;
import io.autoanalyst.dataset.profile.DatasetProfile;
import io.autoanalyst.dataset.read.DuckDbWorkspace;
import io.autoanalyst.dataset.read.RowValues;
import io.autoanalyst.dataset.storage.DatasetLoad;
import io.autoanalyst.dataset.storage.DatasetStorage;
import io.autoanalyst.dataset.storage.KernelCopies;
import io.autoanalyst.dataset.storage.KernelCopy;
import io.autoanalyst.dataset.storage.UploadSpooler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dataset use cases: upload (replacing the session's datasets, as in the original), list,
 * preview, delete, reset to the default dataset, and the kernel's load plan. An upload is staged
 * in the session's folder and committed only when everything succeeded: files are moved into place,
 * then the rows replaced in one transaction; on any failure the staged files are deleted and the
 * session keeps its previous datasets.
 */
@Service
public class DatasetService implements SessionDatasets {

    private static final Logger log = LoggerFactory.getLogger(DatasetService.class);

    private final DatasetRepository repository;
    private final DatasetStorage storage;
    private final DatasetIngester ingester;
    private final KernelCopies copies;
    private final DefaultDataset defaultDataset;
    private final DatasetSettings settings;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;

    /** Tells the kernel side that a session's DataFrames changed. */
    private final ApplicationEventPublisher events;

    public DatasetService(DatasetRepository repository, DatasetStorage storage, DatasetIngester ingester,
                          KernelCopies copies, DefaultDataset defaultDataset, DatasetSettings settings, TransactionTemplate transactions,
                          JsonMapper json, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.repository = repository;
        this.storage = storage;
        this.ingester = ingester;
        this.copies = copies;
        this.defaultDataset = defaultDataset;
        this.settings = settings;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    /** An uploaded file: its bytes and the name the client gave it (display only, never a path). */
    public record Upload(String fileName, InputStream content) {
    }

    /**
     * @param name        display name (default: the file name without extension)
     * @param description the user's text, kept in the description
     * @param columns     columns to keep (null or empty = all)
     * @param sheets      workbook sheets to read (null = all)
     */
    public record UploadOptions(String name, String description, List<String> columns, List<String> sheets) {
    }

    public List<StoredDataset> upload(String sessionId, Upload upload, UploadOptions options) {
        try (StagedUpload staged = stage(sessionId, upload)) {
            return upload(sessionId, staged, options);
        }
    }

    /**
     * Spools a file into a new staging folder of the session, stopping with a 413 past the upload
     * limit; for a form whose other fields may come after the file.
     */
    public StagedUpload stage(String sessionId, Upload upload) {
        long started = System.nanoTime();
        Path work = storage.newStagingFolder(sessionId);
        try {
            Path source = work.resolve("upload.bin");
            new UploadSpooler(settings.maxUploadSize().toBytes()).spool(upload.content(), source);
            return new StagedUpload(upload.fileName(), work, source, System.nanoTime() - started, storage::deleteQuietly);
        } catch (RuntimeException e) {
            storage.deleteQuietly(work);
            throw e;
        }
    }

    /** Reads, profiles and stores a staged file as the session's datasets, replacing the previous ones. */
    public List<StoredDataset> upload(String sessionId, StagedUpload staged, UploadOptions options) {
        long started = System.nanoTime();
        staged.take();
        Path work = staged.folder();
        List<Path> committed = new ArrayList<>();
        Ingestion ingestion = null;
        boolean background = false;
        boolean handedOff = false;
        try {
            ingestion = ingester.open(staged.file(), work, new DatasetIngester.Request(options.sheets(), options.columns(), true));
            DataFormat format = ingestion.format();
            List<IngestedTable> tables = ingestion.tables();
            background = copies.tryReserve();
            long[] sizes = new long[tables.size()];
            if (!background) {
                for (int i = 0; i < tables.size(); i++) sizes[i] = ingestion.writeCopy(i, tables.get(i).folder());
            }
            String baseName = displayName(options.name(), staged.fileName());
            List<StoredDataset> rows = new ArrayList<>();
            Set<String> taken = new HashSet<>();
            for (int i = 0; i < tables.size(); i++) {
                IngestedTable table = tables.get(i);
                boolean sheet = table.sourceName() != null;
                String variable = sheet ? PythonIdentifiers.derive(table.sourceName(), "sheet", taken) : DefaultDataset.VARIABLE;
                taken.add(variable);
                String display = sheet ? clip(table.sourceName(), 255) : baseName;
                String storagePath = storage.commit(table.folder(), sessionId);
                committed.add(storage.resolve(storagePath));
                String description = DatasetDescriber.describe(variable, display, options.description(), table.profile());
                rows.add(new StoredDataset(null, sessionId, variable, display, description, sourceName(staged.fileName()),
                        format.label(), storagePath, table.profile().rows(), table.profile().columnCount(), sizes[i],
                        json.writeValueAsString(table.profile()), i, false, null));
            }
            if (background) copies.expect(committed);
            List<StoredDataset> previous = transactions.execute(status -> {
                List<StoredDataset> old = repository.list(sessionId);
                repository.deleteAll(sessionId);
                for (StoredDataset row : rows) repository.insert(row, clock.instant());
                return old;
            });
            deleteFiles(previous);
            if (background) {
                copies.writeLater(ingestion, committed, (folder, size) -> repository.updateSize(
                        storage.dataDir().relativize(folder).toString(), size), () -> storage.deleteQuietly(work));
                handedOff = true;
            }
            events.publishEvent(new DatasetsChanged(sessionId));
            log.info("Stored {} table(s) from a {} upload in {} ms (spooling the upload {} ms){}", rows.size(), format.label(),
                    (System.nanoTime() - started + staged.spoolNanos()) / 1_000_000, staged.spoolNanos() / 1_000_000,
                    background ? "; kernel copies are being written" : "");
            return repository.list(sessionId);
        } catch (RuntimeException e) {
            if (!handedOff) {
                if (background) copies.abandon(committed);
                committed.forEach(storage::deleteQuietly);
            }
            if (e instanceof UploadRejected rejected) throw rejected.naming(staged.fileName());
            throw e;
        } finally {
            if (!handedOff) {
                if (ingestion != null) ingestion.close();
                storage.deleteQuietly(work);
            }
        }
    }

    /** Reads a file without storing anything (the original's preview). */
    public IngestedTable preview(Upload upload) {
        Path work = storage.newScratchFolder();
        try {
            Path source = work.resolve("upload.bin");
            new UploadSpooler(settings.maxUploadSize().toBytes()).spool(upload.content(), source);
            return ingester.ingest(source, work, new DatasetIngester.Request(null, null, false)).getFirst();
        } catch (UploadRejected rejected) {
            throw rejected.naming(upload.fileName());
        } finally {
            storage.deleteQuietly(work);
        }
    }

    public List<String> sheetNames(Upload upload) {
        Path work = storage.newScratchFolder();
        try {
            Path source = work.resolve("upload.bin");
            new UploadSpooler(settings.maxUploadSize().toBytes()).spool(upload.content(), source);
            return ingester.sheetNames(source);
        } catch (UploadRejected rejected) {
            throw rejected.naming(upload.fileName());
        } finally {
            storage.deleteQuietly(work);
        }
    }

    /** The session's datasets; a session without any gets the default dataset first. */
    public List<StoredDataset> datasets(String sessionId) {
        List<StoredDataset> list = repository.list(sessionId);
        if (!list.isEmpty()) return list;
        repository.insertIfSessionEmpty(defaultDataset.rowFor(sessionId), clock.instant());
        return repository.list(sessionId);
    }

    public StoredDataset dataset(String sessionId, String name) {
        datasets(sessionId);
        return repository.find(sessionId, name).orElseThrow(() -> new DatasetNotFound(name));
    }

    /** Rows {@code offset..offset+limit} of a stored dataset, read from its kernel copy. */
    public List<List<Object>> rows(StoredDataset dataset, long offset, int limit) {
        DatasetProfile profile = profile(dataset);
        List<ColumnType> types = profile.columns().stream()
                .map(c -> ColumnType.valueOf(c.type().toUpperCase(java.util.Locale.ROOT))).toList();
        Path folder = storage.resolve(dataset.storagePath());
        try {
            copies.awaitWritten(folder);
        } catch (IOException e) {
            throw new DatasetUnavailable(dataset.variable(), e.getMessage());
        }
        KernelCopy copy = KernelCopy.in(folder);
        Path work = storage.newScratchFolder();
        try (DuckDbWorkspace ws = new DuckDbWorkspace(work, settings.duckdbMemoryLimit(), settings.duckdbThreads())) {
            StringBuilder columns = new StringBuilder("{");
            for (int i = 0; i < types.size(); i++) {
                if (i > 0) columns.append(", ");
                columns.append("'c").append(i).append("': '").append(duckType(types.get(i))).append("'");
            }
            columns.append('}');
            String sql = "SELECT * FROM read_csv(" + DuckDbWorkspace.literal(copy.csv().toString()) + ", columns = " + columns
                    + ", header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', nullstr = '',"
                    + " max_line_size = 67108864) LIMIT " + limit + " OFFSET " + offset;
            return RowValues.read(ws.connection(), sql, types);
        } catch (SQLException e) {
            // the dataset was removed (a reset or a delete) while it was being read: it is gone, not broken
            if (!java.nio.file.Files.exists(copy.csv())) throw new DatasetNotFound(dataset.variable());
            throw new IllegalStateException("Cannot read the stored copy of dataset " + dataset.variable(), e);
        } finally {
            storage.deleteQuietly(work);
        }
    }

    public DatasetProfile profile(StoredDataset dataset) {
        return dataset.profileJson() == null ? null : json.readValue(dataset.profileJson(), DatasetProfile.class);
    }

    public void delete(String sessionId, String name) {
        StoredDataset dataset = dataset(sessionId, name);
        if (repository.delete(sessionId, name) == 0) throw new DatasetNotFound(name);
        deleteFiles(List.of(dataset));
        events.publishEvent(new DatasetsChanged(sessionId));
    }

    /** Back to the default dataset only (the original's /reset-session). */
    public void reset(String sessionId) {
        List<StoredDataset> previous = transactions.execute(status -> {
            List<StoredDataset> old = repository.list(sessionId);
            repository.deleteAll(sessionId);
            repository.insertIfSessionEmpty(defaultDataset.rowFor(sessionId), clock.instant());
            return old;
        });
        deleteFiles(previous);
        events.publishEvent(new DatasetsChanged(sessionId));
    }

    /** The session's kernel copies, once written (an upload may have answered before they were). */
    @Override
    public List<DatasetLoad> loadPlan(String sessionId) throws IOException {
        List<DatasetLoad> plan = new ArrayList<>();
        for (StoredDataset d : datasets(sessionId)) {
            Path folder = storage.resolve(d.storagePath());
            copies.awaitWritten(folder);
            plan.add(new DatasetLoad(d.variable(), d.displayName(), KernelCopy.in(folder)));
        }
        return plan;
    }

    public DatasetView view(StoredDataset d) {
        return new DatasetView(d.variable(), d.displayName(), d.description(), d.format(), d.rows(), d.columns(),
                d.sizeBytes(), d.isDefault(), profile(d));
    }

    private void deleteFiles(List<StoredDataset> datasets) {
        for (StoredDataset d : datasets) {
            if (d.isDefault()) continue;
            Path folder = storage.resolve(d.storagePath());
            copies.awaitAndForget(folder); // a copy still being written would put its file back into the deleted folder
            storage.deleteQuietly(folder);
        }
    }

    private static String duckType(ColumnType type) {
        return switch (type) {
            case INTEGER -> "BIGINT";
            case DECIMAL -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case DATETIME -> "TIMESTAMP";
            case STRING -> "VARCHAR";
        };
    }

    /** The name to show: the posted name, else the file name without its extension; never empty. */
    static String displayName(String name, String fileName) {
        String chosen = name != null && !name.isBlank() ? name : stem(fileName);
        chosen = chosen == null ? "" : chosen.replaceAll("\\p{Cntrl}|[\\u202A-\\u202E\\u2066-\\u2069]", "").strip();
        return chosen.isEmpty() ? "dataset" : clip(chosen, 255);
    }

    static String sourceName(String fileName) {
        if (fileName == null) return null;
        String clean = fileName.replaceAll("\\p{Cntrl}|[\\u202A-\\u202E\\u2066-\\u2069]", "").strip();
        return clean.isEmpty() ? null : clip(clean, 255);
    }

    private static String stem(String fileName) {
        if (fileName == null) return null;
        String base = fileName.replaceAll(".*[/\\\\]", "");
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
