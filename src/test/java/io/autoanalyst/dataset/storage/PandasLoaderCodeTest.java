package io.autoanalyst.dataset.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.autoanalyst.dataset.DatasetIngester;
import io.autoanalyst.dataset.DatasetSettings;
import io.autoanalyst.dataset.IngestedTable;
import io.autoanalyst.dataset.TestFiles;
import io.autoanalyst.dataset.profile.DatasetProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The generated loader code, run by the system Python with pandas: dtypes and values as profiled. */
class PandasLoaderCodeTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    @Test
    void theKernelCopyLoadsWithTheProfiledDtypes() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 not installed; skipped");
        Path source = dir.resolve("upload.bin");
        Files.write(source, (new String(TestFiles.ordersCsv(), StandardCharsets.UTF_8)
                + "7,2024-01-07,6,1.00,true,NaN\n").getBytes(StandardCharsets.UTF_8));
        Path work = Files.createDirectories(dir.resolve("work"));
        IngestedTable table = new DatasetIngester(DatasetSettings.defaults(), JsonMapper.builder().build())
                .ingest(source, work, DatasetIngester.Request.all()).getFirst();
        String code = PandasLoaderCode.loadAll(List.of(new DatasetLoad("sales", "orders", table.copy())))
                + "print(dict(df.dtypes.astype(str)))\n"
                + "print(int(df['qty'].isna().sum()), int(df['qty'].sum()), round(float(df['price'].sum()), 2))\n"
                + "print(int(df['paid'].sum()), df['day'].min().date().isoformat(), repr(df.loc[1, 'city']), repr(df.loc[6, 'city']))\n"
                + "print(sales is df)\n";
        Process process = new ProcessBuilder(PYTHON.toString(), "-c", code).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(out).isZero();
        List<String> lines = out.lines().toList();
        // plain numpy dtypes, as pd.read_csv gives them: integers with a gap are float64
        assertThat(lines.get(0)).isEqualTo("{'id': 'int64', 'day': 'datetime64[ns]', 'qty': 'float64', 'price': 'float64', "
                + "'paid': 'bool', 'city': 'object'}");
        assertThat(lines.get(1)).isEqualTo("1 21 62.25");
        // 'NA' was a missing marker; the text 'NaN' is a value, not pandas' missing value
        assertThat(lines.get(2)).isEqualTo("4 2024-01-01 'Lyon, Rhône' 'NaN'");
        assertThat(lines.get(3)).isEqualTo("True");
    }

    @Test
    void booleansWithGapsAreObjectsLikeReadCsvGivesThem() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 not installed; skipped");
        Path source = dir.resolve("flags.csv");
        Files.writeString(source, "n,flag\n1,true\n2,\n3,false\n4,true\n");
        Path work = Files.createDirectories(dir.resolve("work"));
        IngestedTable table = new DatasetIngester(DatasetSettings.defaults(), JsonMapper.builder().build())
                .ingest(source, work, DatasetIngester.Request.all()).getFirst();
        String code = PandasLoaderCode.loadAll(List.of(new DatasetLoad("df", "flags", table.copy())))
                + "print(dict(df.dtypes.astype(str)), list(df['flag']))\n"
                + "print(df['n'].corr(df['n'] * 2), df['flag'].value_counts().to_dict())\n";
        Process process = new ProcessBuilder(PYTHON.toString(), "-c", code).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out.lines().toList()).containsExactly(
                "{'n': 'int64', 'flag': 'object'} [True, nan, False, True]",
                "1.0 {True: 2, False: 1}");
        assertThat(table.profile().columns()).extracting(DatasetProfile.ColumnProfile::dtype).containsExactly("int64", "object");
    }

    @Test
    void pythonLiteralsEscapeEverythingThatCouldBreakOut() {
        assertThat(PandasLoaderCode.literal("a'b\\c\nd")).isEqualTo("'a\\'b\\\\c\\nd'");
    }
}
