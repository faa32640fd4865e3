package io.autoanalyst;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point: the HTTP server with the embedded defaults (SQLite file, offline analyst). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AutoAnalystApplication {

    public static void main(String[] args) {
        SpringApplication.run(AutoAnalystApplication.class, args);
    }
}
