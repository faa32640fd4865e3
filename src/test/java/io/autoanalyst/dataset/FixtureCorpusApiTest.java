package io.autoanalyst.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.autoanalyst.dataset.storage.DatasetStorage;
import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.SqliteApi;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Every file of the shared upload corpus through HTTP, with the behaviour its manifest states:
 * parsed files are checked for shape, types, missing values and the listed aggregates and exact
 * values; rejected files for a 4xx naming the problem, with the session's previous dataset intact
 * and nothing left behind. Skipped when the corpus is absent.
 */
@SqliteApi
class FixtureCorpusApiTest extends ApiTestBase {

    private static final Pattern TYPE_WORD = Pattern.compile("\\b(integer|decimal|string|boolean|date|datetime)\\b");

    @Autowired
    DatasetStorage storage;


    @TestFactory
    Stream<DynamicTest> everyCorpusFileGetsItsManifestBehaviour() {
        FixtureCorpus.assumePresent();
        return FixtureCorpus.files().stream().map(f -> DynamicTest.dynamicTest(f.path("path").asString(), () -> check(f)));
    }

    @Test
    void hostileFileNamesAreAcceptedSafelyOrRejected() throws IOException {
        FixtureCorpus.assumePresent();
        byte[] tidy = Files.readAllBytes(FixtureCorpus.root().resolve("good/tidy.csv"));
        Api client = api.session(newSessionId());
        for (JsonNode entry : FixtureCorpus.manifest().path("hostile_file_names").path("names")) {
            String name = entry.path("name").asString();
            Api.Response r = upload(client, "/upload_dataframe", new Multipart().file("file", name, tidy));
            assertThat(r.status()).as("file name %s -> %s", name, r).isLessThan(500);
            if (r.status() == 200) {
                assertThat(r.json().path("name").asString()).isEqualTo("df");
                assertThat(r.json().path("rows").asLong()).isEqualTo(500);
            } else {
                assertThat(r.status()).isBetween(400, 499);
            }
        }
        try (Stream<Path> walk = Files.walk(storage.dataDir())) {
            List<String> stray = walk.filter(Files::isRegularFile).map(p -> storage.dataDir().relativize(p).toString())
                    .filter(p -> !p.startsWith("sessions/") && !p.startsWith("default/") && !p.startsWith("kernels/")
                            // benchmark reports of the evaluation tests sharing this data folder
                            && !p.startsWith("evaluations/")
                            && !p.equals("secret.key")).toList();
            assertThat(stray).isEmpty();
        }
    }

    private void check(JsonNode file) throws IOException, InterruptedException {
        String path = file.path("path").asString();
        JsonNode expect = file.path("expect");
        byte[] content = Files.readAllBytes(FixtureCorpus.root().resolve(path));
        String session = newSessionId();
        Api client = api.session(session);
        assertThat(upload(client, "/upload_dataframe", new Multipart().file("file", "baseline.csv", TestFiles.ordersCsv()))
                .status()).isEqualTo(200);
        DatasetApiTests.datasetsWithCopiesWritten(client);
        String fileName = Path.of(path).getFileName().toString();
        boolean workbook = path.endsWith("tidy.xlsx");
        if (workbook) {
            Api.Response sheets = upload(client, "/api/excel-sheets", new Multipart().file("file", fileName, content));
            List<String> names = new ArrayList<>();
            sheets.json().path("sheets").forEach(n -> names.add(n.asString()));
            List<String> expected = new ArrayList<>();
            expect.path("sheets").forEach(s -> expected.add(s.path("name").asString()));
            assertThat(names).containsExactlyElementsOf(expected);
        }
        Api.Response r = upload(client, workbook ? "/upload_excel" : "/upload_dataframe",
                new Multipart().file("file", fileName, content).field("name", fileName));
        assertThat(r.status()).as("%s: %s", path, r).isNotEqualTo(500).isLessThan(500);
        assertThat(r.body()).doesNotContain("root:");
        String outcome = expect.path("outcome").asString();
        switch (outcome) {
            case "parse" -> {
                assertThat(r.status()).as("%s: %s", path, r).isEqualTo(200);
                if (workbook) checkWorkbook(client, expect);
                else checkTable(client, datasets(client).get(0), expect);
            }
            case "reject" -> checkRejected(client, r, expect);
            case "parse_or_reject" -> {
                if (r.status() == 200) checkParsedLoosely(client, expect.path("if_parsed"));
                else checkRejected(client, r, expect.path("if_rejected"));
            }
            default -> fail("unknown outcome " + outcome);
        }
    }

    private void checkRejected(Api client, Api.Response r, JsonNode expect) throws IOException {
        assertThat(r.status()).as(r.toString()).isIn(400, 413, 415, 422);
        String detail = r.detail().toLowerCase(Locale.ROOT);
        List<String> mentions = new ArrayList<>();
        expect.path("error_mentions_one_of").forEach(m -> mentions.add(m.asString().toLowerCase(Locale.ROOT)));
        assertThat(mentions).as("detail '%s' mentions one of %s", r.detail(), mentions).anyMatch(detail::contains);
        JsonNode list = datasets(client);
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("display_name").asString()).isEqualTo("baseline");
        String session = client.get("/api/datasets").json().path("session_id").asString();
        try (Stream<Path> walk = Files.walk(storage.sessionFolder(session))) {
            assertThat(walk.map(Path::toString)).noneMatch(p -> p.contains(".upload-"));
        }
        assertThat(DatasetApiTests.files(storage.sessionFolder(session))).hasSize(2); // data.csv + dtypes.json of baseline
    }

    private void checkParsedLoosely(Api client, JsonNode ifParsed) {
        JsonNode list = datasets(client);
        if (ifParsed.has("sheets")) {
            assertThat(list).hasSize(ifParsed.path("sheets").asInt());
            return;
        }
        JsonNode profile = list.get(0).path("profile");
        assertThat(allowedNumbers(ifParsed.path("rows"))).contains(profile.path("rows").asLong());
        assertThat(allowedNumbers(ifParsed.path("columns"))).contains((long) profile.path("column_count").asInt());
        if (ifParsed.has("column_names")) {
            assertThat(profile.path("columns").findValuesAsString("name"))
                    .containsExactlyElementsOf(strings(ifParsed.path("column_names")));
        }
    }

    private void checkWorkbook(Api client, JsonNode expect) {
        JsonNode list = datasets(client);
        assertThat(list).hasSize(expect.path("sheets").size());
        Set<String> variables = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode sheet = expect.path("sheets").get(i);
            JsonNode dataset = list.get(i);
            assertThat(dataset.path("display_name").asString()).isEqualTo(sheet.path("name").asString());
            String variable = dataset.path("name").asString();
            assertThat(variable).matches("[A-Za-z_][A-Za-z0-9_]*").isNotEqualTo("df");
            assertThat(variables.add(variable)).isTrue();
            JsonNode spec = sheet.has("ideal") ? sheet.path("ideal") : sheet;
            checkTable(client, dataset, spec);
            if (sheet.path("checks").has("sum of all quantities in the pivot")) {
                BigDecimal total = BigDecimal.ZERO;
                for (JsonNode c : dataset.path("profile").path("columns")) {
                    if (c.path("type").asString().equals("integer")) total = total.add(c.path("sum").decimalValue());
                }
                assertThat(total).isEqualByComparingTo(sheet.path("checks").path("sum of all quantities in the pivot").asString());
                List<String> names = dataset.path("profile").path("columns").findValuesAsString("name");
                JsonNode widget = rowWhere(client, variable, names, "product", "Widget");
                assertThat(widget.get(names.indexOf("2024_Q4")).asLong()).isEqualTo(96);
            }
        }
        assertThat(list.get(0).path("name").asString()).isEqualTo("orders");
        assertThat(list.get(1).path("name").asString()).isEqualTo("summary_by_region");
    }

    private void checkTable(Api client, JsonNode dataset, JsonNode expect) {
        JsonNode profile = dataset.path("profile");
        JsonNode columns = profile.path("columns");
        List<String> names = columns.findValuesAsString("name");
        String variable = dataset.path("name").asString();
        if (expect.has("rows")) assertThat(profile.path("rows").asLong()).isEqualTo(expect.path("rows").asLong());
        if (expect.has("columns")) assertThat(allowedNumbers(expect.path("columns"))).contains((long) names.size());
        if (expect.has("column_names")) assertThat(names).containsExactlyElementsOf(strings(expect.path("column_names")));
        if (expect.has("column_names_first_last")) {
            assertThat(names.getFirst()).isEqualTo(expect.path("column_names_first_last").get(0).asString());
            assertThat(names.getLast()).isEqualTo(expect.path("column_names_first_last").get(1).asString());
        }
        if (expect.has("raw_header")) {
            assertThat(new HashSet<>(names)).hasSize(names.size());
            assertThat(names).allMatch(n -> !n.isBlank());
        }
        for (var e : expect.path("column_types").properties()) {
            Set<String> allowed = new HashSet<>();
            Matcher m = TYPE_WORD.matcher(e.getValue().asString());
            while (m.find()) allowed.add(m.group(1));
            List<String> targets = e.getKey().contains("..")
                    ? names.stream().filter(n -> !expect.path("column_types").has(n)).toList() : List.of(e.getKey());
            for (String target : targets) {
                assertThat(allowed).as("type of %s", target).contains(columns.get(names.indexOf(target)).path("type").asString());
            }
        }
        for (var e : expect.path("missing_per_column").properties()) {
            assertThat(columns.get(names.indexOf(e.getKey())).path("nulls").asLong()).as("missing in %s", e.getKey())
                    .isEqualTo(e.getValue().asLong());
        }
        List<JsonNode> rows = rows(client, variable);
        for (var e : expect.path("checks").properties()) {
            checkAggregate(e.getKey(), e.getValue(), columns, names, rows);
        }
        for (var e : expect.path("exact_values").properties()) {
            assertThat(cell(e.getKey(), names, rows)).as(e.getKey()).isEqualTo(e.getValue().asString());
        }
        if (expect.has("data")) {
            for (int i = 0; i < expect.path("data").size(); i++) {
                JsonNode want = expect.path("data").get(i);
                for (int j = 0; j < want.size(); j++) {
                    assertThat(new BigDecimalOrText(rows.get(i).get(j))).isEqualTo(new BigDecimalOrText(want.get(j)));
                }
            }
        }
        checkConversionsAgainstTruth(names, columns, rows);
    }

    /** Columns the manifest pairs with a truth column must equal it on every row when typed. */
    private static void checkConversionsAgainstTruth(List<String> names, JsonNode columns, List<JsonNode> rows) {
        String[][] pairs = {{"amount", "true_value"}, {"price_usd", "true_usd"}, {"share", "true_percent"}};
        for (String[] pair : pairs) {
            int a = names.indexOf(pair[0]);
            int t = names.indexOf(pair[1]);
            if (a < 0 || t < 0 || !columns.get(a).path("type").asString().equals("decimal")) continue;
            for (JsonNode row : rows) {
                assertThat(new BigDecimalOrText(row.get(a))).as("%s vs %s", pair[0], pair[1]).isEqualTo(new BigDecimalOrText(row.get(t)));
            }
        }
        int truth = names.indexOf("true_date");
        if (truth < 0) return;
        for (int c = 0; c < names.size(); c++) {
            String type = columns.get(c).path("type").asString();
            if (c == truth || !(type.equals("date") || type.equals("datetime"))) continue;
            for (JsonNode row : rows) {
                assertThat(row.get(c).asString()).as("column %s", names.get(c)).startsWith(row.get(truth).asString());
            }
        }
    }

    private static void checkAggregate(String key, JsonNode expected, JsonNode columns, List<String> names, List<JsonNode> rows) {
        Matcher m;
        if ((m = Pattern.compile("sum\\((.+)\\)").matcher(key)).matches()) {
            assertThat(columns.get(names.indexOf(m.group(1))).path("sum").decimalValue()).as(key)
                    .isEqualByComparingTo(expected.asString());
        } else if ((m = Pattern.compile("mean\\((.+)\\)").matcher(key)).matches()) {
            assertThat(columns.get(names.indexOf(m.group(1))).path("mean").decimalValue().subtract(new BigDecimal(expected.asString())).abs())
                    .as(key).isLessThanOrEqualTo(new BigDecimal("0.000001"));
        } else if ((m = Pattern.compile("count\\((.+) = true\\)").matcher(key)).matches()) {
            assertThat(columns.get(names.indexOf(m.group(1))).path("true_count").asLong()).as(key).isEqualTo(expected.asLong());
        } else if ((m = Pattern.compile("(min|max)\\((.+)\\)").matcher(key)).matches()) {
            assertThat(columns.get(names.indexOf(m.group(2))).path(m.group(1)).asString()).as(key).isEqualTo(expected.asString());
        } else if ((m = Pattern.compile("(.+) of (.+) (\\d+)").matcher(key)).matches()) {
            int id = names.indexOf(m.group(2));
            String wanted = m.group(3);
            JsonNode row = rows.stream().filter(r -> r.get(id).asString().equals(wanted)).findFirst().orElseThrow();
            assertThat(row.get(names.indexOf(m.group(1))).asString()).as(key).isEqualTo(expected.asString());
        } else if (key.equals("sum of every cell")) {
            BigDecimal total = BigDecimal.ZERO;
            for (JsonNode c : columns) total = total.add(c.path("sum").decimalValue());
            assertThat(total).isEqualByComparingTo(expected.asString());
        } else if (key.equals("len(body) by id")) {
            for (var e : expected.properties()) {
                JsonNode row = rows.stream().filter(r -> r.get(names.indexOf("id")).asString().equals(e.getKey())).findFirst().orElseThrow();
                assertThat(row.get(names.indexOf("body")).asString().length()).as("len(body) of id %s", e.getKey())
                        .isEqualTo(e.getValue().asInt());
            }
        } else if (key.startsWith("values in 'value' that are plain decimal numbers")) {
            long plain = rows.stream().map(r -> r.get(names.indexOf("value")))
                    .filter(v -> !v.isNull() && v.asString().strip().matches("[+-]?[0-9]+(\\.[0-9]+)?")).count();
            assertThat(plain).as(key).isEqualTo(expected.asLong());
        } else {
            fail("check not understood by the test: " + key);
        }
    }

    /** "row id=1 name", "row 2 city", "row 1, 3rd column". */
    private static String cell(String key, List<String> names, List<JsonNode> rows) {
        Matcher m;
        JsonNode value;
        if ((m = Pattern.compile("row id=(\\d+) (.+)").matcher(key)).matches()) {
            String id = m.group(1);
            value = rows.stream().filter(r -> r.get(names.indexOf("id")).asString().equals(id)).findFirst().orElseThrow()
                    .get(names.indexOf(m.group(2)));
        } else if ((m = Pattern.compile("row (\\d+), (\\d+)[a-z]{2} column").matcher(key)).matches()) {
            value = rows.get(Integer.parseInt(m.group(1)) - 1).get(Integer.parseInt(m.group(2)) - 1);
        } else if ((m = Pattern.compile("row (\\d+) (.+)").matcher(key)).matches()) {
            value = rows.get(Integer.parseInt(m.group(1)) - 1).get(names.indexOf(m.group(2)));
        } else {
            throw new AssertionError("exact value key not understood by the test: " + key);
        }
        return value.isNull() ? null : value.asString();
    }

    private JsonNode rowWhere(Api client, String variable, List<String> names, String column, String value) {
        return rows(client, variable).stream().filter(r -> r.get(names.indexOf(column)).asString().equals(value)).findFirst().orElseThrow();
    }

    private List<JsonNode> rows(Api client, String variable) {
        Api.Response page = client.get("/api/datasets/" + variable + "/preview?limit=1000");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<JsonNode> rows = new ArrayList<>();
        page.json().path("rows").forEach(rows::add);
        return rows;
    }

    private JsonNode datasets(Api client) {
        Api.Response r = client.get("/api/datasets");
        assertThat(r.status()).isEqualTo(200);
        return r.json().path("datasets");
    }

    private Api.Response upload(Api client, String path, Multipart form) {
        return client.send(client.builder(path).header("Content-Type", form.contentType()).POST(form.body()));
    }

    private static Set<Long> allowedNumbers(JsonNode node) {
        Set<Long> allowed = new HashSet<>();
        if (node.isNumber()) allowed.add(node.asLong());
        Matcher m = Pattern.compile("\\d+").matcher(node.asString(""));
        while (m.find()) allowed.add(Long.parseLong(m.group()));
        return allowed;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    /** Compares JSON numbers and numeric strings by value, anything else as text. */
    private record BigDecimalOrText(String text) {
        BigDecimalOrText(JsonNode node) {
            this(node == null || node.isNull() ? null : normalise(node.asString()));
        }

        private static String normalise(String s) {
            try {
                return new BigDecimal(s).stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return s;
            }
        }
    }
}
