package io.autoanalyst.dataset;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared upload corpus ({@code fixtures/} of the shared folder), found through the system
 * property or environment variable {@code AUTOANALYST_SHARED_DIR} (default {@code ../shared}).
 * Tests using it are skipped, saying why, when it is absent.
 */
public final class FixtureCorpus {

    private FixtureCorpus() {
    }

    public static Path root() {
        String configured = System.getProperty("AUTOANALYST_SHARED_DIR", System.getenv("AUTOANALYST_SHARED_DIR"));
        Path shared = configured != null ? Path.of(configured) : Path.of("..", "shared");
        return shared.resolve("fixtures").toAbsolutePath().normalize();
    }

    static boolean present() {
        return Files.isRegularFile(root().resolve("manifest.json"));
    }

    public static void assumePresent() {
        assumeTrue(present(), "fixture corpus not found at " + root() + " (set AUTOANALYST_SHARED_DIR); skipped");
    }

    static JsonNode manifest() {
        return JsonMapper.builder().build().readTree(root().resolve("manifest.json").toFile());
    }

    public static List<JsonNode> files() {
        List<JsonNode> files = new ArrayList<>();
        manifest().path("files").forEach(files::add);
        return files;
    }
}
