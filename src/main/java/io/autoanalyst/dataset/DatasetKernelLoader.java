package io.autoanalyst.dataset;

import io.autoanalyst.dataset.storage.DatasetLoad;
import io.autoanalyst.dataset.storage.KernelCopy;
import io.autoanalyst.dataset.storage.PandasLoaderCode;
import io.autoanalyst.runtime.KernelInitializer;
import io.autoanalyst.runtime.SessionKernels;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts a session's datasets into a fresh kernel: the kernel copies are hard-linked into the
 * kernel's own folder (the sandbox sees nothing else) and loaded under their variable names, the
 * first also as {@code df}. Linking costs no copy; across file systems it falls back to copying.
 */
@Component
public class DatasetKernelLoader implements KernelInitializer {

    static final String FOLDER = "datasets";

    private static final Logger log = LoggerFactory.getLogger(DatasetKernelLoader.class);

    private final SessionDatasets datasets;

    public DatasetKernelLoader(SessionDatasets datasets) {
        this.datasets = datasets;
    }

    @Override
    public String prepare(String sessionKey, Path workingDirectory) throws IOException {
        List<DatasetLoad> inKernel = new ArrayList<>();
        // A scratch kernel (used to verify code fixes) gets its session's datasets.
        for (DatasetLoad load : datasets.loadPlan(SessionKernels.sessionOf(sessionKey))) {
            Path folder = workingDirectory.resolve(FOLDER).resolve(load.variable());
            try {
                Files.createDirectories(folder);
                link(load.copy().csv(), folder.resolve(KernelCopy.CSV_FILE));
                link(load.copy().dtypes(), folder.resolve(KernelCopy.DTYPES_FILE));
            } catch (IOException e) {
                // The JDK's message is the file's path, which the user must not see (it is in the log).
                log.warn("Cannot put dataset {} into kernel {}: {}", load.variable(), sessionKey, e.toString());
                throw new IOException("the stored copy of dataset '" + load.displayName() + "' (" + load.variable()
                        + ") cannot be read; upload the file again", e);
            }
            Path relative = Path.of(FOLDER, load.variable());
            inKernel.add(new DatasetLoad(load.variable(), load.displayName(),
                    new KernelCopy(relative.resolve(KernelCopy.CSV_FILE), relative.resolve(KernelCopy.DTYPES_FILE))));
        }
        return PandasLoaderCode.loadAll(inKernel);
    }

    private static void link(Path source, Path target) throws IOException {
        Files.deleteIfExists(target);
        try {
            Files.createLink(target, source);
        } catch (FileSystemException | UnsupportedOperationException differentFileSystem) {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
