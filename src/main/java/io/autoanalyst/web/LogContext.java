package io.autoanalyst.web;

import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;

/**
 * Carries the logging context (request, user and session ids, see {@link RequestIdFilter}) from
 * the thread that hands work over to the thread that does it, so a log line written by an agent
 * running in parallel or by the thread streaming a chat turn names its request like any other.
 * The MDC lives in a thread-local; without this those lines say {@code req=-}.
 */
@Configuration(proxyBeanMethods = false)
public class LogContext {

    /**
     * Spring Boot decorates its task executor with this, and Spring MVC runs streamed responses
     * ({@code StreamingResponseBody}) and other async work on that executor.
     */
    @Bean
    TaskDecorator logContextPropagation() {
        return LogContext::carrying;
    }

    /** An executor whose tasks run with the logging context of the thread that submitted them. */
    public static Executor propagating(Executor executor) {
        return task -> executor.execute(carrying(task));
    }

    /** The task, run with the logging context of the calling thread; the running thread's own is restored after. */
    public static Runnable carrying(Runnable task) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> previous = MDC.getCopyOfContextMap();
            replace(context);
            try {
                task.run();
            } finally {
                replace(previous);
            }
        };
    }

    private static void replace(Map<String, String> context) {
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
    }
}
