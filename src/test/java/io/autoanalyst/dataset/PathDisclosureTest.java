package io.autoanalyst.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.dataset.storage.DatasetStorage;
import io.autoanalyst.dataset.storage.KernelCopy;
import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.SqliteApi;
import io.autoanalyst.web.ServerPaths;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Hostile uploads get a 4xx whose detail is about the user's file: never a path of the server
 * (its data folder, a staging file, the temp folder, the kernels' folders).
 */
@SqliteApi
class PathDisclosureTest extends ApiTestBase {

    @Autowired
    DatasetStorage storage;

    @Value("${autoanalyst.kernel.work-root}")
    String kernelRoot;

    @Test
    void noUploadErrorNamesAServerPath() throws Exception {
        Map<String, byte[]> hostile = hostileFiles();
        List<String> leaks = new ArrayList<>();
        List<String> routes = List.of("/upload_dataframe", "/upload_excel", "/api/excel-sheets", "/preview-csv-upload");
        for (var file : hostile.entrySet()) {
            for (String route : routes) {
                Api client = api.session(newSessionId());
                Multipart form = new Multipart().file("file", file.getKey(), file.getValue()).field("name", "evil")
                        .field("description", "hostile").field("selected_sheets", "[\"Sheet1\"]");
                Api.Response response = client.send(client.builder(route).header("Content-Type", form.contentType()).POST(form.body()));
                if (response.status() < 400) continue;
                assertThat(response.status()).as(route + " " + file.getKey() + ": " + response).isLessThan(500);
                for (String secret : serverPaths()) {
                    if (response.body().contains(secret)) leaks.add(route + " " + file.getKey() + " -> " + response.body());
                }
                if (response.body().contains("upload.bin") || response.body().contains(".upload-")) {
                    leaks.add(route + " " + file.getKey() + " -> " + response.body());
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void aReaderErrorNamesTheUsersFile() {
        Api client = api.session(newSessionId());
        Multipart form = new Multipart().file("file", "sales-2024.parquet", hostileFiles().get("truncated.parquet")).field("name", "x");
        Api.Response response = client.send(client.builder("/upload_dataframe").header("Content-Type", form.contentType()).POST(form.body()));
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.detail()).contains("'sales-2024.parquet'").doesNotContain("/");
    }

    @Test
    void aKernelThatCannotLoadADatasetSaysWhichOneNotWhere() throws Exception {
        String session = newSessionId();
        Api client = api.session(session);
        Multipart form = new Multipart().file("file", "orders.csv", TestFiles.ordersCsv()).field("name", "orders");
        assertThat(client.send(client.builder("/upload_dataframe").header("Content-Type", form.contentType()).POST(form.body()))
                .status()).isEqualTo(200);
        assertThat(client.get("/api/datasets/df/preview").status()).isEqualTo(200); // the kernel copy is written
        try (var files = Files.walk(storage.sessionFolder(session))) {
            for (Path dtypes : files.filter(p -> p.getFileName().toString().equals(KernelCopy.DTYPES_FILE)).toList()) {
                Files.delete(dtypes);
            }
        }

        Api.Response run = client.post("/code/execute", Map.of("code", "print(len(df))"));

        assertThat(run.body()).contains("orders").contains("upload the file again");
        for (String secret : serverPaths()) assertThat(run.body()).doesNotContain(secret);
    }

    @Test
    void serverPathsAreTakenOutOfAnyText() {
        ServerPaths paths = new ServerPaths(new org.springframework.mock.env.MockEnvironment()
                .withProperty("autoanalyst.database.data-dir", storage.dataDir().toString())
                .withProperty("autoanalyst.kernel.work-root", kernelRoot));
        String kernelDir = Path.of(kernelRoot).toAbsolutePath() + "/k-7/session";
        assertThat(paths.scrub("Cannot create a kernel directory under " + kernelDir + ": Permission denied"))
                .isEqualTo("Cannot create a kernel directory under " + ServerPaths.REPLACEMENT + ": Permission denied");
        assertThat(paths.scrub("read '" + storage.dataDir() + "/sessions/s-1/datasets/ds-2/data.csv' failed"))
                .isEqualTo("read '" + ServerPaths.REPLACEMENT + "' failed");
        assertThat(paths.scrub("Sign in first (from POST /auth/login)")).isEqualTo("Sign in first (from POST /auth/login)");
        // in a chat stream, code may name the sandbox's own /tmp: only the server's data and kernel paths go
        assertThat(paths.scrubStoragePaths("fig.write_html('/tmp/plot.html') at " + kernelDir))
                .isEqualTo("fig.write_html('/tmp/plot.html') at " + ServerPaths.REPLACEMENT);
    }

    private List<String> serverPaths() throws Exception {
        List<String> paths = new ArrayList<>();
        paths.add(storage.dataDir().toString());
        paths.add(storage.dataDir().toRealPath().toString());
        paths.add(Path.of(kernelRoot).toAbsolutePath().toString());
        paths.add(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().toString() + "/");
        paths.add(Path.of("").toAbsolutePath().toString());
        return paths;
    }

    static Map<String, byte[]> hostileFiles() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] random = new byte[4096];
        new Random(42).nextBytes(random);
        files.put("random.csv", random);
        files.put("truncated.parquet", concat("PAR1".getBytes(StandardCharsets.US_ASCII), random));
        files.put("bad-footer.parquet", concat("PAR1".getBytes(StandardCharsets.US_ASCII), random,
                new byte[] {16, 0, 0, 0}, "PAR1".getBytes(StandardCharsets.US_ASCII)));
        files.put("truncated.json", "[{\"a\": 1, \"b\": \"x\"}, {\"a\": 2, \"b\":".getBytes(StandardCharsets.UTF_8));
        files.put("scalar.json", "42".getBytes(StandardCharsets.UTF_8));
        files.put("lines.json", "{\"a\": 1}\n{\"a\": \n".getBytes(StandardCharsets.UTF_8));
        files.put("quote.csv", "a,b\n1,\"never closed\n2,3\n".getBytes(StandardCharsets.UTF_8));
        files.put("ragged.csv", "a,b\n1,2,3,4\n5\n".getBytes(StandardCharsets.UTF_8));
        files.put("nul.csv", "a,b\n1,\0\0\0\n2,3\n".getBytes(StandardCharsets.UTF_8));
        files.put("latin1.csv", concat("name,city\n".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff, (byte) 0xfe, 'x', ',', 'y', '\n'}));
        files.put("truncated.xlsx", concat(new byte[] {'P', 'K', 3, 4}, random));
        files.put("empty.csv", new byte[0]);
        files.put("../../etc/passwd.csv", "a\n1\n".getBytes(StandardCharsets.UTF_8));
        files.put("png.csv", concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, random));
        return files;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
