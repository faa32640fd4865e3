package io.autoanalyst;

import io.autoanalyst.evaluation.EvaluationCommand;
import java.util.TimeZone;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Entry point: the HTTP server with the embedded defaults (SQLite file, offline analyst), or {@code eval ...}. */
// No in-memory user with a generated password: identity comes from bearer tokens and sessions only
// (auth/SecurityConfig), so that user was unused and only put a password in the log.
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
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
