package io.autoanalyst.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.dataset.storage.DatasetLoad;
import io.autoanalyst.dataset.storage.DatasetStorage;
import io.autoanalyst.dataset.storage.PandasLoaderCode;
import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The dataset routes through HTTP; run once per database (see the SQLite and PostgreSQL subclasses). */
abstract class DatasetApiTests extends ApiTestBase {

    @Autowired
    DatasetStorage storage;

    @Autowired
    SessionDatasets sessionDatasets;

    Api.Response upload(Api client, String path, Multipart form) {
        return client.send(client.builder(path).header("Content-Type", form.contentType()).POST(form.body()));
    }

    Api.Response uploadCsv(Api client, String fileName, byte[] content) {
        return upload(client, "/upload_dataframe", new Multipart().file("file", fileName, content).field("name", "orders")
                .field("description", "test orders"));
    }

    JsonNode datasets(Api client) {
        Api.Response r = client.get("/api/datasets");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().path("datasets");
    }

    /**
     * Waits until the session's kernel copies, written after the upload answered, have their sizes
     * recorded (which happens after the upload's staging folder is gone).
     */
    static JsonNode datasetsWithCopiesWritten(Api client) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            JsonNode list = client.get("/api/datasets").json().path("datasets");
            boolean written = true;
            for (JsonNode d : list) written &= d.path("size_bytes").asLong() > 0;
            if (written || System.nanoTime() > deadline) return list;
            Thread.sleep(50);
        }
    }

    @Test
    void aNewSessionHoldsTheHousingDatasetAsDf() {
        Api client = api.session(newSessionId());
        JsonNode list = datasets(client);
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("name").asString()).isEqualTo("df");
        assertThat(list.get(0).path("display_name").asString()).isEqualTo("Housing.csv");
        assertThat(list.get(0).path("is_default").asBoolean()).isTrue();
        assertThat(list.get(0).path("rows").asLong()).isEqualTo(545);
        assertThat(list.get(0).path("profile").path("columns")).hasSize(13);
        assertThat(client.get("/api/session-info").json().path("is_custom_dataset").asBoolean()).isFalse();
    }

    @Test
    void defaultDatasetRouteNamesTheRealVariable() {
        assertThat(api.get("/api/default-dataset").detail()).isEqualTo("Session ID required");
        Api.Response r = api.session(newSessionId()).get("/api/default-dataset");
        assertThat(r.status()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.path("name").asString()).isEqualTo("Housing Dataset");
        assertThat(body.path("headers")).hasSize(13);
        assertThat(body.path("headers").get(0).asString()).isEqualTo("price");
        assertThat(body.path("rows")).hasSize(10);
        assertThat(body.path("description").asString()).startsWith(" exact_python_name: `df` Dataset: ").doesNotContain("Housing_Dataset");
    }

    @Test
    void csvUploadReplacesTheDefaultAndIsProfiledExactly() {
        String session = newSessionId();
        Api client = api.session(session);
        Api.Response r = uploadCsv(client, "orders.csv", TestFiles.ordersCsv());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("message").asString()).isEqualTo("Dataframe uploaded successfully");
        assertThat(r.json().path("session_id").asString()).isEqualTo(session);
        assertThat(r.json().path("rows").asLong()).isEqualTo(6);
        assertThat(r.json().path("description").asString()).startsWith(" exact_python_name: `df` Dataset: orders");

        JsonNode list = datasets(client);
        assertThat(list).hasSize(1);
        JsonNode columns = list.get(0).path("profile").path("columns");
        assertThat(columns.findValuesAsString("type")).containsExactly("integer", "date", "integer", "decimal", "boolean", "string");
        assertThat(columns.get(2).path("nulls").asLong()).isEqualTo(1);
        assertThat(columns.get(3).path("sum").decimalValue()).isEqualByComparingTo("61.25");
        assertThat(columns.get(4).path("true_count").asLong()).isEqualTo(3);
        assertThat(columns.get(5).path("nulls").asLong()).isEqualTo(1);
        assertThat(columns.get(1).path("min").asString()).isEqualTo("2024-01-01");
        assertThat(client.get("/api/session-info").json().path("is_custom_dataset").asBoolean()).isTrue();
    }

    @Test
    void theKernelCopyWrittenAfterTheAnswerIsWaitedForAndItsSizeRecorded() throws InterruptedException {
        Api client = api.session(newSessionId());
        assertThat(uploadCsv(client, "orders.csv", TestFiles.ordersCsv()).status()).isEqualTo(200);
        // Straight after the answer: the kernel and the preview wait for the copy instead of missing it.
        Api.Response run = client.post("/code/execute", java.util.Map.of("code", "print(len(df), df['qty'].sum())"));
        assertThat(run.json().path("output").asString()).contains("6 15");
        assertThat(client.get("/api/datasets/df/preview?offset=0&limit=2").json().path("rows")).hasSize(2);
        assertThat(datasetsWithCopiesWritten(client).get(0).path("size_bytes").asLong()).isGreaterThan(100);
    }

    @Test
    void aLineLongerThanDuckDbsDefaultLimitIsReadWhole() {
        // DuckDB's line limit is sized from the longest line the structure check saw: 6 MB here.
        String longText = "x".repeat(6 << 20);
        byte[] csv = ("id,note,n\n1,short,10\n2,\"" + longText + "\",20\n3,,30\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Api client = api.session(newSessionId());
        Api.Response r = uploadCsv(client, "long.csv", csv);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("rows").asLong()).isEqualTo(3);
        Api.Response run = client.post("/code/execute", java.util.Map.of("code",
                "print(df['note'].str.len().tolist(), df['n'].sum())"));
        assertThat(run.json().path("output").asString()).contains("[5.0, " + (6 << 20) + ".0, nan] 60");
    }

    @Test
    void fieldsMayComeBeforeOrAfterTheFile() {
        Api client = api.session(newSessionId());
        Api.Response after = upload(client, "/upload_dataframe", new Multipart().file("file", "o.csv", TestFiles.ordersCsv())
                .field("name", "late name").field("columns", "price").field("fill_nulls", "true"));
        assertThat(after.status()).as(after.toString()).isEqualTo(200);
        assertThat(datasets(client).get(0).path("display_name").asString()).isEqualTo("late name");
        assertThat(datasets(client).get(0).path("profile").path("columns").findValuesAsString("name")).containsExactly("price");

        Api.Response before = upload(client, "/upload_dataframe", new Multipart().field("name", "early name")
                .field("columns", "city").file("file", "o.csv", TestFiles.ordersCsv()));
        assertThat(before.status()).as(before.toString()).isEqualTo(200);
        assertThat(datasets(client).get(0).path("display_name").asString()).isEqualTo("early name");
    }

    @Test
    void aBrokenOrFilelessFormIsABadRequestThatSaysWhy() {
        Api client = api.session(newSessionId());
        Api.Response noFile = upload(client, "/upload_dataframe", new Multipart().field("name", "x"));
        assertThat(noFile.status()).isEqualTo(400);
        assertThat(noFile.detail()).contains("no 'file' part");

        Api.Response cut = client.postRaw("/upload_dataframe", "--b1\r\nContent-Disposition: form-data; name=\"file\"; "
                + "filename=\"a.csv\"\r\n\r\na,b\n1,2\n", "multipart/form-data; boundary=b1");
        assertThat(cut.status()).isEqualTo(400);
        assertThat(cut.detail()).contains("Malformed multipart body").contains("closing boundary");

        Api.Response noBoundary = client.postRaw("/upload_dataframe", "x", "multipart/form-data");
        assertThat(noBoundary.status()).isEqualTo(400);
        assertThat(noBoundary.detail()).contains("boundary");
        // nothing was stored, nothing left behind: the default dataset is still the session's
        assertThat(datasets(client).get(0).path("is_default").asBoolean()).isTrue();
    }

    @Test
    void onlyThePostedColumnsAreKept() {
        Api client = api.session(newSessionId());
        Api.Response r = upload(client, "/upload_dataframe", new Multipart().file("file", "o.csv", TestFiles.ordersCsv())
                .field("name", "o").field("columns", "price").field("columns", "id"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("columns").findValuesAsString("")).isEmpty();
        assertThat(datasets(client).get(0).path("profile").path("columns").findValuesAsString("name")).containsExactly("price", "id");
    }

    @Test
    void anUnknownColumnIsABadRequest() {
        Api client = api.session(newSessionId());
        Api.Response r = upload(client, "/upload_dataframe", new Multipart().file("file", "o.csv", TestFiles.ordersCsv())
                .field("columns", "nope"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.detail()).contains("nope");
    }

    @Test
    void excelSheetsAreListedInOrderAndSelectedSheetsBecomeTheirOwnDataFrames() throws IOException {
        Api client = api.session(newSessionId());
        Api.Response sheets = upload(client, "/api/excel-sheets", new Multipart().file("file", "book.xlsx", TestFiles.workbook()));
        assertThat(sheets.status()).as(sheets.toString()).isEqualTo(200);
        assertThat(sheets.json().path("sheets").findValuesAsString("")).isEmpty();
        assertThat(List.of(sheets.json().path("sheets").get(0).asString(), sheets.json().path("sheets").get(1).asString(),
                sheets.json().path("sheets").get(2).asString())).containsExactly("Sales 2024", "class", "df");

        Api.Response r = upload(client, "/upload_excel", new Multipart().file("file", "book.xlsx", TestFiles.workbook())
                .field("name", "book").field("description", "").field("selected_sheets", "[\"Sales 2024\",\"df\"]"));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("message").asString()).isEqualTo("Excel file processed successfully");
        assertThat(r.json().path("total_sheets").asInt()).isEqualTo(2);

        JsonNode list = datasets(client);
        assertThat(list).hasSize(2);
        assertThat(list.get(0).path("name").asString()).isEqualTo("Sales_2024");
        assertThat(list.get(0).path("display_name").asString()).isEqualTo("Sales 2024");
        assertThat(list.get(1).path("name").asString()).isEqualTo("df_data");
        JsonNode sales = list.get(0).path("profile").path("columns");
        assertThat(sales.findValuesAsString("type")).containsExactly("string", "decimal", "date");
        assertThat(sales.get(1).path("sum").decimalValue()).isEqualByComparingTo("304.5");
        assertThat(sales.get(2).path("min").asString()).isEqualTo("2024-03-01");
        // a cell that looks like a formula stays text
        Api.Response page = client.get("/api/datasets/df_data/preview");
        assertThat(page.json().path("rows").get(0).get(0).asString()).isEqualTo("=1+1");

        List<DatasetLoad> plan = sessionDatasets.loadPlan(client.get("/api/datasets").json().path("session_id").asString());
        assertThat(plan).extracting(DatasetLoad::variable).containsExactly("Sales_2024", "df_data");
        assertThat(PandasLoaderCode.loadAll(plan)).contains("df = Sales_2024");
    }

    @Test
    void aRejectedUploadLeavesThePreviousDatasetAndNoFilesBehind() throws IOException, InterruptedException {
        String session = newSessionId();
        Api client = api.session(session);
        assertThat(uploadCsv(client, "orders.csv", TestFiles.ordersCsv()).status()).isEqualTo(200);
        datasetsWithCopiesWritten(client);
        List<Path> before = files(storage.sessionFolder(session));

        Api.Response bad = uploadCsv(client, "broken.csv", "a,b\n1,2\n3,4,5\n".getBytes(StandardCharsets.UTF_8));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.detail()).contains("Line 3 has 3 fields, expected 2");

        JsonNode list = datasets(client);
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("display_name").asString()).isEqualTo("orders");
        assertThat(list.get(0).path("rows").asLong()).isEqualTo(6);
        assertThat(files(storage.sessionFolder(session))).isEqualTo(before);
        assertThat(before).noneMatch(p -> p.toString().contains(".upload-"));
    }

    @Test
    void emptyAndBinaryUploadsAreRejectedWithAReason() {
        Api client = api.session(newSessionId());
        Api.Response empty = uploadCsv(client, "e.csv", new byte[0]);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.detail()).contains("empty");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
        Api.Response image = uploadCsv(client, "data.csv", png);
        assertThat(image.status()).isEqualTo(415);
        assertThat(image.detail()).contains("PNG");
        assertThat(datasets(client).get(0).path("is_default").asBoolean()).isTrue();
    }

    @Test
    void anotherUsersSessionDatasetsAreNotFound() {
        Api alice = signedInUser("alice");
        Api bob = signedInUser("bob");
        String session = newSessionId();
        assertThat(uploadCsv(alice.session(session), "orders.csv", TestFiles.ordersCsv()).status()).isEqualTo(200);

        assertThat(bob.session(session).get("/api/datasets").status()).isEqualTo(404);
        assertThat(bob.session(session).get("/api/datasets/df/preview").status()).isEqualTo(404);
        assertThat(bob.session(session).delete("/api/datasets/df").status()).isEqualTo(404);
        assertThat(uploadCsv(bob.session(session), "x.csv", TestFiles.ordersCsv()).status()).isEqualTo(404);
        assertThat(datasets(alice.session(session)).get(0).path("display_name").asString()).isEqualTo("orders");
    }

    @Test
    void previewPagesThroughTheRows() {
        Api client = api.session(newSessionId());
        uploadCsv(client, "orders.csv", TestFiles.ordersCsv());
        Api.Response page = client.get("/api/datasets/df/preview?offset=4&limit=5");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.json().path("rows")).hasSize(2);
        assertThat(page.json().path("rows").get(0).get(0).asLong()).isEqualTo(5);
        assertThat(page.json().path("total_rows").asLong()).isEqualTo(6);
        assertThat(client.get("/api/datasets/nope/preview").status()).isEqualTo(404);
        assertThat(client.get("/api/datasets/df/preview?limit=0").status()).isEqualTo(400);
    }

    @Test
    void deletingADatasetRemovesItsFiles() throws IOException {
        String session = newSessionId();
        Api client = api.session(session);
        uploadCsv(client, "orders.csv", TestFiles.ordersCsv());
        assertThat(files(storage.sessionFolder(session))).isNotEmpty();
        assertThat(client.delete("/api/datasets/df").status()).isEqualTo(200);
        assertThat(files(storage.sessionFolder(session))).isEmpty();
        // a session left without datasets gets the default again
        assertThat(datasets(client).get(0).path("is_default").asBoolean()).isTrue();
    }

    @Test
    void resetSessionAcceptsTheOriginalsBodies() {
        String session = newSessionId();
        Api client = api.session(session);
        uploadCsv(client, "orders.csv", TestFiles.ordersCsv());
        Api.Response nullName = client.postRaw("/reset-session", "{\"name\": null}", "application/json");
        assertThat(nullName.status()).as(nullName.toString()).isEqualTo(200);
        assertThat(nullName.json().path("session_id").asString()).isEqualTo(session);
        assertThat(nullName.json().path("dataset").asString()).isEqualTo("Housing.csv");
        assertThat(datasets(client).get(0).path("is_default").asBoolean()).isTrue();

        Api.Response noBody = client.post("/reset-session", null);
        assertThat(noBody.status()).isEqualTo(200);
        Api.Response preserve = client.post("/reset-session", Map.of("preserveModelSettings", true));
        assertThat(preserve.json().path("model_settings_preserved").asBoolean()).isTrue();
        assertThat(api.post("/reset-session", Map.of()).detail()).isEqualTo("Session ID required");
    }

    @Test
    void previewNeedsNoSessionAndStoresNothing() {
        Api.Response r = upload(api, "/preview-csv-upload", new Multipart().file("file", "orders.csv", TestFiles.ordersCsv()));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("headers")).hasSize(6);
        assertThat(r.json().path("rows")).hasSize(6);
        assertThat(r.json().path("name").asString()).isEqualTo("orders");
        assertThat(r.json().has("session_id")).isFalse();
        assertThat(r.json().path("rows").get(1).get(2).isNull()).isTrue();
        assertThat(r.json().path("types").toString()).as("the detected type of each column, for the UI's preview")
                .isEqualTo("[\"integer\",\"date\",\"integer\",\"decimal\",\"boolean\",\"string\"]");
    }

    @Test
    void descriptionFromPreviewAcceptsEitherKey() {
        Map<String, Object> body = Map.of("headers", List.of("id", "price", "day"),
                "rows", List.of(List.of(1, "2.5", "2024-01-01"), List.of(2, "3", "2024-01-02")),
                "name", "sales", "existingDescription", "my sales");
        Api.Response r = api.post("/generate-description-from-preview", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("description").asString())
                .startsWith(" exact_python_name: `df` Dataset: sales").contains("my sales", "id (integer)", "price (decimal)", "day (date)");
        assertThat(api.post("/generate-description-from-preview", Map.of("name", "x")).status()).isEqualTo(400);
    }

    @Test
    void hostileFileNamesNeverBecomePathsOrVariables() throws IOException {
        String session = newSessionId();
        Api client = api.session(session);
        for (String name : List.of("../../etc/passwd.csv", "..\\..\\win.ini.csv", "<script>alert(1)</script>.csv",
                "name\nwith\nnewlines.csv", "class.csv", "file.csv\u0000.exe", "", "report")) {
            Api.Response r = upload(client, "/upload_dataframe", new Multipart().file("file", name, TestFiles.ordersCsv()));
            assertThat(r.status()).as(name + " -> " + r).isLessThan(500);
            if (r.status() == 200) assertThat(r.json().path("name").asString()).isEqualTo("df");
        }
        Path data = storage.dataDir();
        try (Stream<Path> walk = Files.walk(data)) {
            assertThat(walk.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("passwd") || n.contains("script"));
        }
        assertThat(Files.exists(data.resolveSibling("etc"))).isFalse();
    }

    static List<Path> files(Path folder) throws IOException {
        if (!Files.exists(folder)) return List.of();
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).map(folder::relativize).sorted().toList();
        }
    }
}
