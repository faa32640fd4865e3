package io.autoanalyst.web;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Keeps the server's own paths out of what clients read. Messages of libraries (DuckDB, the JDK's
 * file errors, a kernel that failed to start) name the files they worked on, and those live in the
 * data folder, the kernels' folder or the temp folder: an error detail that quoted them would tell
 * anyone where the server keeps its data and how it lays it out. Every path under one of those
 * roots becomes {@value #REPLACEMENT}. Error details are written for the user's file; this is the
 * net under them.
 */
@Component
public class ServerPaths {

    public static final String REPLACEMENT = "[server path]";

    /** Where the server keeps data and kernels: no client has any business with these paths. */
    private final List<Pattern> storageRoots;
    /** The temp, working and home folders: server paths in an error, but also folders user code may name. */
    private final List<Pattern> allRoots;

    public ServerPaths(Environment environment) {
        Set<String> storage = new LinkedHashSet<>();
        addRoot(storage, environment.getProperty("autoanalyst.database.data-dir", "data"));
        addRoot(storage, environment.getProperty("autoanalyst.kernel.work-root", "data/kernels"));
        Set<String> all = new LinkedHashSet<>(storage);
        addRoot(all, System.getProperty("java.io.tmpdir"));
        addRoot(all, System.getProperty("user.dir"));
        addRoot(all, System.getProperty("user.home"));
        this.storageRoots = patterns(storage);
        this.allRoots = patterns(all);
    }

    /** An error message with every path under a server root replaced. */
    public String scrub(String text) {
        return scrub(text, allRoots);
    }

    /**
     * Text that may hold user code or its output (a chat stream) with paths into the server's data
     * and kernel folders replaced; {@code /tmp/plot.html} in an agent's code is the sandbox's own
     * temp folder and stays as written.
     */
    public String scrubStoragePaths(String text) {
        return scrub(text, storageRoots);
    }

    private static String scrub(String text, List<Pattern> roots) {
        if (text == null || text.indexOf('/') < 0) return text;
        String result = text;
        for (Pattern root : roots) {
            Matcher m = root.matcher(result);
            if (m.find()) result = m.replaceAll(Matcher.quoteReplacement(REPLACEMENT));
        }
        return result;
    }

    private static List<Pattern> patterns(Set<String> roots) {
        List<String> sorted = new ArrayList<>(roots);
        sorted.sort(Comparator.comparingInt(String::length).reversed()); // the longest root names the most
        return sorted.stream()
                .map(root -> Pattern.compile(Pattern.quote(root) + "(?![A-Za-z0-9_.-])(?:/[^\\s'\"`,;:)\\]}\\\\]*)?"))
                .toList();
    }

    private static void addRoot(Set<String> roots, String configured) {
        if (configured == null || configured.isBlank()) return;
        Path path = Path.of(configured).toAbsolutePath().normalize();
        add(roots, path);
        try {
            add(roots, path.toRealPath());
        } catch (IOException | SecurityException missing) {
            // not created yet: only its configured spelling can appear in messages
        }
    }

    private static void add(Set<String> roots, Path path) {
        // the file system root or a one-letter folder would turn every slash into a replacement
        if (path.getNameCount() == 0 || path.toString().length() < 4) return;
        roots.add(path.toString());
    }
}
