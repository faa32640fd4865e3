package io.autoanalyst.support;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a test context at the JVM's shared test database of the kind it asks for with
 * {@code autoanalyst.test.database=sqlite|postgresql}. Test classes that ask for the same kind
 * have equal configurations, so Spring reuses one running server for all of them instead of
 * starting one per class. Every test server also gets kernel user ids of its own.
 */
public class TestDatabaseEnvironment implements EnvironmentPostProcessor {

    private static String sqliteUrl;
    private static String postgresUrl;
    private static String dataDir;
    private static String kernelDir;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.containsProperty("autoanalyst.kernel.uid-base")) {
            // every test server's kernel pool gets user ids no other pool uses (see KernelUids)
            environment.getPropertySources().addFirst(new MapPropertySource("testKernelUids",
                    Map.of("autoanalyst.kernel.uid-base", KernelUids.nextBase())));
        }
        String kind = environment.getProperty("autoanalyst.test.database");
        if (kind == null) {
            return;
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("autoanalyst.database.url", switch (kind) {
            case "sqlite" -> sharedSqlite();
            case "postgresql" -> sharedPostgres();
            default -> throw new IllegalArgumentException("autoanalyst.test.database must be sqlite or postgresql");
        });
        properties.put("autoanalyst.database.data-dir", sharedDataDir());
        properties.put("autoanalyst.kernel.work-root", sharedKernelDir());
        // one warm kernel is enough for tests and keeps each test server's start light on two cores;
        // a test that sets its own pool size keeps it (this source comes first and would override it)
        if (!environment.containsProperty("autoanalyst.kernel.pool-size")) {
            properties.put("autoanalyst.kernel.pool-size", "1");
        }
        environment.getPropertySources().addFirst(new MapPropertySource("testDatabase", properties));
    }

    private static synchronized String sharedSqlite() {
        if (sqliteUrl == null) sqliteUrl = SqliteDatabase.newUrl();
        return sqliteUrl;
    }

    private static synchronized String sharedPostgres() {
        if (postgresUrl == null) postgresUrl = EmbeddedPostgresSupport.newDatabaseUrl();
        return postgresUrl;
    }

    private static synchronized String sharedKernelDir() {
        if (kernelDir == null) kernelDir = SqliteDatabase.newFolder().toString();
        return kernelDir;
    }

    private static synchronized String sharedDataDir() {
        if (dataDir == null) dataDir = SqliteDatabase.newFolder().toString();
        return dataDir;
    }
}
