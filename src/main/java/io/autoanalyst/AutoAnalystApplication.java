package io.autoanalyst;

import io.autoanalyst.evaluation.EvaluationCommand;
import java.util.TimeZone;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Entry point: the HTTP server with the embedded defaults (SQLite file, offline analyst), or {@code eval ...}. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AutoAnalystApplication {

    public static void main(String[] args) {
        VirtualThreads.configure();
        // Timestamps are stored without zone; one zone for the whole process keeps them comparable.
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        if (EvaluationCommand.handles(args)) {
            System.exit(EvaluationCommand.run(args));
        }
        SpringApplication.run(AutoAnalystApplication.class, args);
    }
}
