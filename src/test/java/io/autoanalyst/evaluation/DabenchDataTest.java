package io.autoanalyst.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The harness against the real DABench data, read where it lies ({@code dabench/} of the shared folder, found
 * through {@code AUTOANALYST_SHARED_DIR}, default {@code ../shared}); skipped, saying why, without it. Nothing
 * of the benchmark is copied: the test reads it and checks counts and round trips.
 */
class DabenchDataTest {

    private static Path dabench() {
        String configured = System.getProperty("AUTOANALYST_SHARED_DIR", System.getenv("AUTOANALYST_SHARED_DIR"));
        Path shared = configured != null ? Path.of(configured) : Path.of("..", "shared");
        Path dir = shared.resolve("dabench").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(dir.resolve(DabenchSuite.QUESTIONS)),
                "DABench data not found at " + dir + " (set AUTOANALYST_SHARED_DIR); skipped");
        return dir;
    }

    @Test
    void everyQuestionHasItsLabelAndItsTable() {
        DabenchSuite suite = DabenchSuite.load(dabench(), JsonMapper.builder().build());
        assertThat(suite.questions()).hasSize(257);
        assertThat(suite.questions().stream().mapToInt(q -> q.expected().size()).sum()).isEqualTo(461);
        assertThat(suite.questions()).allSatisfy(q -> assertThat(suite.table(q)).isRegularFile());
        // the label that repeats names keeps all seven sub-answers
        BenchmarkQuestion repeated = suite.select(List.of(734), null).getFirst();
        assertThat(repeated.expected()).hasSize(7);
    }

    @Test
    void perfectAnswersPrintedInTheFormatScoreEverything() {
        DabenchSuite suite = DabenchSuite.load(dabench(), JsonMapper.builder().build());
        List<QuestionResult> results = new ArrayList<>();
        for (BenchmarkQuestion q : suite.questions()) {
            String printed = q.expected().stream().map(a -> "@" + a.name() + "[" + a.value() + "]").collect(Collectors.joining("\n"));
            QuestionScore score = AnswerScorer.score(q.expected(), AnswerExtractor.fromTurn(printed, ""));
            results.add(new QuestionResult(0, q.id(), q.level(), q.concepts(), q.question(), null, Verdict.of(score), score.correct(),
                    score.total(), q.expected(), List.of(), score.subAnswers(), null, null, null, null, 0, 0, 0, 0));
        }
        Accuracy all = Accuracy.of(results);
        assertThat(all.byQuestion()).isEqualTo(1.0);
        assertThat(all.proportional()).isEqualTo(1.0);
        assertThat(all.bySubQuestion()).isEqualTo(1.0);
    }
}
