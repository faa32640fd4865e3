package io.autoanalyst.deepanalysis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * plotly.js for the HTML reports, read once: from the web UI's bundle on the classpath when the server was built
 * with it, else from Debian's {@code python3-plotly} package. Never a CDN: a report must render offline. When
 * neither is there, reports say that their charts need the file.
 */
@Component
public class PlotlyJs {

    private static final Logger log = LoggerFactory.getLogger(PlotlyJs.class);

    static final List<String> CLASSPATH = List.of("static/plotly.min.js", "static/assets/plotly.min.js", "plotly/plotly.min.js");
    static final List<Path> FILES = List.of(Path.of("/usr/share/python3-plotly/plotly.min.js"),
            Path.of("/usr/share/python3-plotly/plotly.js"),
            Path.of("/usr/lib/python3/dist-packages/plotly/package_data/plotly.min.js"));

    private volatile Optional<String> source;

    /** The library's source, or empty when this server has none. */
    public Optional<String> source() {
        Optional<String> s = source;
        if (s == null) {
            synchronized (this) {
                if (source == null) source = load();
                s = source;
            }
        }
        return s;
    }

    private static Optional<String> load() {
        for (String resource : CLASSPATH) {
            try (InputStream in = PlotlyJs.class.getClassLoader().getResourceAsStream(resource)) {
                if (in != null) return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                log.warn("Could not read {} from the classpath: {}", resource, e.toString());
            }
        }
        for (Path file : FILES) {
            if (Files.isReadable(file)) {
                try {
                    return Optional.of(Files.readString(file));
                } catch (IOException e) {
                    log.warn("Could not read {}: {}", file, e.toString());
                }
            }
        }
        log.warn("No plotly.js found (install Debian's python3-plotly): deep-analysis reports will show no charts");
        return Optional.empty();
    }
}
