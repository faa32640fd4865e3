package io.autoanalyst.dataset;

import io.autoanalyst.dataset.detect.DataFormat;
import io.autoanalyst.dataset.profile.DatasetDescriber;
import io.autoanalyst.dataset.profile.DatasetProfile;
import io.autoanalyst.dataset.storage.DatasetStorage;
import io.autoanalyst.dataset.storage.KernelCopy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample dataset every new session holds as {@code df}: {@code datasets/Housing.csv} from the
 * classpath, ingested once into {@code <data-dir>/default/housing-v1/} (kernel copy and profile)
 * and shared read-only by all sessions.
 */
@Component
public class DefaultDataset {

    public static final String DISPLAY_NAME = "Housing.csv";
    /** The name the original's frontend expects from {@code /api/default-dataset}. */
    public static final String PREVIEW_NAME = "Housing Dataset";
    public static final String VARIABLE = "df";
    static final String FOLDER = "default/housing-v1";
    private static final String PROFILE_FILE = "profile.json";
    static final String DESCRIPTION_TEXT = "Synthetic house sale prices (545 homes) with area, rooms, amenities and "
            + "furnishing; prices follow a documented linear model (docs/sample-dataset.md).";

    private final DatasetStorage storage;
    private final DatasetIngester ingester;
    private final JsonMapper json;
    private volatile Installed installed;

    /** The installed copy and what the profiler found in it. */
    public record Installed(String storagePath, KernelCopy copy, DatasetProfile profile, long sizeBytes, String description) {
    }

    public DefaultDataset(DatasetStorage storage, DatasetIngester ingester, JsonMapper json) {
        this.storage = storage;
        this.ingester = ingester;
        this.json = json;
    }

    public Installed installed() {
        Installed current = installed;
        if (current == null) {
            synchronized (this) {
                if (installed == null) installed = install();
                current = installed;
            }
        }
        return current;
    }

    private Installed install() {
        Path folder = storage.resolve(FOLDER);
        Path profileFile = folder.resolve(PROFILE_FILE);
        try {
            if (!Files.isRegularFile(profileFile)) {
                Path work = storage.newScratchFolder();
                try {
                    Path source = work.resolve("Housing.csv");
                    try (InputStream in = new ClassPathResource("datasets/Housing.csv").getInputStream()) {
                        Files.copy(in, source);
                    }
                    IngestedTable table = ingester.ingest(source, work, DatasetIngester.Request.all()).getFirst();
                    Files.writeString(table.folder().resolve(PROFILE_FILE), json.writeValueAsString(table.profile()));
                    Files.createDirectories(folder.getParent());
                    storage.deleteQuietly(folder);
                    Files.move(table.folder(), folder, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    storage.deleteQuietly(work);
                }
            }
            DatasetProfile profile = json.readValue(profileFile.toFile(), DatasetProfile.class);
            KernelCopy copy = KernelCopy.in(folder);
            String description = DatasetDescriber.describe(VARIABLE, PREVIEW_NAME, DESCRIPTION_TEXT, profile);
            return new Installed(FOLDER, copy, profile, Files.size(copy.csv()), description);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install the default dataset", e);
        }
    }

    /** The row a session gets when it has no dataset of its own. */
    StoredDataset rowFor(String sessionId) {
        Installed d = installed();
        return new StoredDataset(null, sessionId, VARIABLE, DISPLAY_NAME, d.description(), DISPLAY_NAME,
                DataFormat.CSV.label(), d.storagePath(), d.profile().rows(), d.profile().columnCount(), d.sizeBytes(),
                json.writeValueAsString(d.profile()), 0, true, null);
    }

    List<String> headers() {
        return installed().profile().columnNames();
    }
}
