package io.autoanalyst.deepanalysis;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Deep-analysis settings ({@code autoanalyst.deep-analysis.*}).
 *
 * @param timeLimit       a whole run's wall time; past it the run stops and says at which step
 * @param maxQuestions    research questions asked of the model at most (the original's five)
 * @param planAttempts    how many times a plan that does not parse is repaired, then rebuilt, before the run fails
 * @param maxFixAttempts  repairs of the combined script when it fails in the kernel
 * @param concurrentRuns  runs executing at the same time on the server; further runs wait their turn
 */
@ConfigurationProperties("autoanalyst.deep-analysis")
public record DeepAnalysisSettings(@DefaultValue("10m") Duration timeLimit,
                                   @DefaultValue("5") int maxQuestions,
                                   @DefaultValue("2") int planAttempts,
                                   @DefaultValue("2") int maxFixAttempts,
                                   @DefaultValue("2") int concurrentRuns) {
    public DeepAnalysisSettings {
        if (timeLimit == null || timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("autoanalyst.deep-analysis.time-limit must be positive");
        }
        if (maxQuestions < 1 || maxQuestions > 10) throw new IllegalArgumentException("autoanalyst.deep-analysis.max-questions must be 1..10");
        if (planAttempts < 0) throw new IllegalArgumentException("autoanalyst.deep-analysis.plan-attempts must not be negative");
        if (maxFixAttempts < 0) throw new IllegalArgumentException("autoanalyst.deep-analysis.max-fix-attempts must not be negative");
        if (concurrentRuns < 1) throw new IllegalArgumentException("autoanalyst.deep-analysis.concurrent-runs must be at least 1");
    }
}
