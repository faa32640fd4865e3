package io.autoanalyst.dataset.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.dataset.detect.ColumnType;
import io.autoanalyst.dataset.read.DuckDbWorkspace;
import io.autoanalyst.dataset.read.LoadedTable;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Top values of large text columns: exact counts, whichever way the candidates were found. */
class DatasetProfilerTest {

    @TempDir
    Path dir;

    @Test
    void aDominantValueAmongManyUniqueOnesIsFoundAndCountedExactly() throws Exception {
        try (DuckDbWorkspace ws = new DuckDbWorkspace(dir, "512MB", 2)) {
            // 200,000 rows: 'unknown' in 30% of them, ids otherwise; a three-value column beside it.
            ws.execute("CREATE TABLE t AS SELECT CASE WHEN i % 10 < 3 THEN 'unknown' ELSE 'id-' || i END AS c0, "
                    + "CASE WHEN i % 3 = 0 THEN 'a' WHEN i % 3 = 1 THEN 'b' ELSE 'c' END AS c1 FROM range(200000) r(i)");
            DatasetProfile profile = new DatasetProfiler().profile(ws,
                    new LoadedTable("t", null, List.of("ref", "kind"), List.of(ColumnType.STRING, ColumnType.STRING), List.of()), 5);

            DatasetProfile.ColumnProfile ref = profile.columns().get(0);
            assertThat(ref.topValues().getFirst()).isEqualTo(new DatasetProfile.ValueCount("unknown", 60_000));
            assertThat(ref.topValues()).hasSize(5).allSatisfy(v -> assertThat(v.count()).isPositive());
            assertThat(ref.topValues().subList(1, 5)).allSatisfy(v -> assertThat(v.count()).isEqualTo(1));
            assertThat(profile.columns().get(1).topValues()).extracting(DatasetProfile.ValueCount::count)
                    .containsExactly(66_667L, 66_667L, 66_666L);
            assertThat(profile.notes()).anySatisfy(n -> assertThat(n).contains("[ref]").contains("approx_top_k"));
            assertThat(profile.notes()).noneSatisfy(n -> assertThat(n).contains("[kind"));
        }
    }
}
