package io.autoanalyst.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class DabenchSuiteTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private MiniBenchmark threeQuestions() {
        return new MiniBenchmark(dir).table("t.csv", "x\n1\n")
                .question(7, "easy", List.of("Summary Statistics"), "t.csv", "Mean of x?", "@mean[v]", "mean", "1.00")
                .question(3, "hard", List.of("Correlation Analysis", "Feature Engineering"), "t.csv", "Two things?", "@a[v] @a[w]",
                        "a", "1", "a", "2")
                .question(9, "medium", List.of(), "t.csv", "Rows?", "@rows[n]", "rows", "1");
    }

    @Test
    void readsQuestionsWithTheirLabelsInFileOrder() {
        DabenchSuite suite = DabenchSuite.load(threeQuestions().write(), JSON);
        assertThat(suite.questions()).extracting(BenchmarkQuestion::id).containsExactly(7, 3, 9);
        BenchmarkQuestion second = suite.questions().get(1);
        assertThat(second.level()).isEqualTo("hard");
        assertThat(second.concepts()).containsExactly("Correlation Analysis", "Feature Engineering");
        assertThat(second.expected()).containsExactly(new NamedAnswer("a", "1"), new NamedAnswer("a", "2"));
        assertThat(suite.table(second)).isEqualTo(dir.resolve("da-dev-tables").resolve("t.csv"));
    }

    @Test
    void selectsByIdThenLimitsKeepingTheSuitesOrder() {
        DabenchSuite suite = DabenchSuite.load(threeQuestions().write(), JSON);
        assertThat(suite.select(List.of(9, 7), null)).extracting(BenchmarkQuestion::id).containsExactly(7, 9);
        assertThat(suite.select(List.of(), 2)).extracting(BenchmarkQuestion::id).containsExactly(7, 3);
        assertThat(suite.select(List.of(9, 3, 7), 1)).extracting(BenchmarkQuestion::id).containsExactly(7);
        assertThatThrownBy(() -> suite.select(List.of(7, 42), null)).isInstanceOf(EvaluationRejected.class)
                .hasMessageContaining("[42]");
    }

    @Test
    void aFolderWithoutTheBenchmarkFilesIsRejectedWithoutNamingServerPaths() {
        assertThatThrownBy(() -> DabenchSuite.load(dir, JSON)).isInstanceOf(EvaluationRejected.class)
                .hasMessageContaining("da-dev-questions.jsonl").hasMessageNotContaining(dir.toString());
    }

    @Test
    void aTableNameThatLeavesTheTableFolderIsRefused() {
        new MiniBenchmark(dir).question(1, "easy", List.of(), "../../etc/passwd", "q", "f", "a", "1").write();
        assertThatThrownBy(() -> DabenchSuite.load(dir, JSON)).isInstanceOf(EvaluationRejected.class)
                .hasMessageContaining("question 1");
    }

    @Test
    void brokenLinesAreReportedWithTheirNumber() throws Exception {
        threeQuestions().write();
        Files.writeString(dir.resolve("da-dev-labels.jsonl"), "{\"id\": 7, \"common_answers\": [[\"mean\", \"1\"]]}\n{not json\n");
        assertThatThrownBy(() -> DabenchSuite.load(dir, JSON)).isInstanceOf(EvaluationRejected.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void questionsWithoutALabelAreLeftOut() throws Exception {
        threeQuestions().write();
        Files.writeString(dir.resolve("da-dev-labels.jsonl"), "{\"id\": 9, \"common_answers\": [[\"rows\", \"1\"]]}\n");
        assertThat(DabenchSuite.load(dir, JSON).questions()).extracting(BenchmarkQuestion::id).containsExactly(9);
    }
}
