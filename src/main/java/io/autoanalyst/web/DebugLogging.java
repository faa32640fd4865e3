package io.autoanalyst.web;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.stereotype.Component;

/** {@code DEBUG=true} (the original's switch) turns on debug logging for the server's own code. */
@Component
public class DebugLogging {

    public DebugLogging(LoggingSystem logging, LoggingSettings settings) {
        if (settings.debugEnabled()) {
            logging.setLogLevel("io.autoanalyst", LogLevel.DEBUG);
        }
    }
}
