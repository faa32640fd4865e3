package io.autoanalyst.evaluation;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Benchmark evaluation settings, {@code autoanalyst.evaluation.*}.
 *
 * @param dabenchDir     where InfiAgent-DABench's data is (the folder with {@code da-dev-questions.jsonl});
 *                       env {@code DABENCH_DIR} [../shared/dabench]
 * @param maxConcurrency most questions asked at once; each holds a kernel, so keep it well below
 *                       {@code autoanalyst.kernel.max-kernels} [8]
 * @param storedTextCap  characters of a question's code, output and summary kept in the database and the
 *                       report; a longer text keeps its head and tail [20000]
 */
@ConfigurationProperties(prefix = "autoanalyst.evaluation")
public record EvaluationSettings(String dabenchDir, Integer maxConcurrency, Integer storedTextCap) {
    public EvaluationSettings {
        // a String, not a Path: Spring reads a Path setting as a resource location and refuses "../x"
        if (dabenchDir == null || dabenchDir.isBlank()) dabenchDir = "../shared/dabench";
        if (maxConcurrency == null || maxConcurrency < 1) maxConcurrency = 8;
        if (storedTextCap == null || storedTextCap < 1000) storedTextCap = 20_000;
    }

    public Path dabench() {
        return Path.of(dabenchDir);
    }
}
