package io.autoanalyst.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EvaluationArgsTest {

    @Test
    void readsEveryOptionInBothSpellings() {
        EvaluationRequest r = EvaluationArgs.parse(new String[] {"eval", "dabench", "--model", "offline", "--limit=50",
                "--concurrency", "2", "--questions", "0, 5,6", "--data=/tmp/dabench", "--fresh"}).request();
        assertThat(r.model()).isEqualTo("offline");
        assertThat(r.limit()).isEqualTo(50);
        assertThat(r.concurrency()).isEqualTo(2);
        assertThat(r.questions()).containsExactly(0, 5, 6);
        assertThat(r.dataDir()).isEqualTo(Path.of("/tmp/dabench"));
        assertThat(r.fresh()).isTrue();
        assertThat(r.resume()).isNull();
    }

    @Test
    void mistakesAreExplained() {
        assertThatThrownBy(() -> EvaluationArgs.parse(new String[] {"eval", "gsm8k"})).hasMessageContaining("dabench");
        assertThatThrownBy(() -> EvaluationArgs.parse(new String[] {"eval", "dabench", "--limit", "many"}))
                .hasMessageContaining("--limit").hasMessageContaining("many");
        assertThatThrownBy(() -> EvaluationArgs.parse(new String[] {"eval", "dabench", "--limit", "0"}))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> EvaluationArgs.parse(new String[] {"eval", "dabench", "--model"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> EvaluationArgs.parse(new String[] {"eval", "dabench", "--verbose"})).hasMessageContaining("--verbose");
    }

    @Test
    void helpIsNotAnError() {
        assertThat(EvaluationArgs.parse(new String[] {"eval", "dabench", "--help"}).help()).isTrue();
    }
}
