package io.autoanalyst.deepanalysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deep analysis end to end with the offline analyst on the sample dataset: the stream, the stored report, its
 * routes and their ownership, on both databases.
 */
abstract class DeepAnalysisApiTests extends ApiTestBase {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String GOAL = "What drives house prices?";

    @Autowired
    JdbcClient jdbc;

    static List<JsonNode> lines(Api.Response response) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (!line.isBlank()) lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    void theStreamReportsEveryStepInOrderWithProgressThatNeverGoesBack() {
        String session = newSessionId();
        Api.Response response = api.session(session).post("/deep_analysis_streaming", Map.of("goal", GOAL));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/x-ndjson");
        List<JsonNode> lines = lines(response);

        JsonNode first = lines.getFirst();
        assertThat(first.path("step").asString()).isEqualTo("initialization");
        String uuid = first.path("report_uuid").asString();
        assertThat(uuid).isNotBlank();
        assertThat(lines).allSatisfy(l -> assertThat(l.path("report_uuid").asString()).isEqualTo(uuid));

        List<String> steps = lines.stream().map(l -> l.path("step").asString() + "/" + l.path("status").asString()).distinct().toList();
        assertThat(steps).containsSubsequence("initialization/starting", "questions/processing", "questions/completed", "planning/processing",
                "planning/completed", "agent_execution/processing", "agent_execution/completed", "code_synthesis/processing",
                "code_synthesis/completed", "code_execution/processing", "code_execution/completed", "synthesis/processing",
                "synthesis/completed", "conclusion/processing", "analysis/completed", "completed/success");
        int previous = 0;
        for (JsonNode line : lines) {
            int progress = line.path("progress").asInt();
            assertThat(progress).as(line.toString()).isGreaterThanOrEqualTo(previous);
            previous = progress;
        }
        JsonNode last = lines.getLast();
        assertThat(last.path("progress").asInt()).isEqualTo(100);
        JsonNode analysis = last.path("analysis");
        assertThat(analysis.path("questions").size()).isBetween(1, 5);
        assertThat(analysis.path("synthesis").size()).isEqualTo(analysis.path("questions").size());
        // the sample dataset's columns ground the questions
        assertThat(analysis.path("deep_questions").asString()).contains("price");
        // every offline question is one with a chart
        for (int q = 0; q < analysis.path("questions").size(); q++) {
            assertThat(analysis.path("plotly_figs").get(q).size()).as(analysis.path("questions").get(q).asString() + " in " + analysis)
                    .isPositive();
        }
        assertThat(analysis.path("final_conclusion").asString()).contains("Conclusion");
        // the agents' completions are counted one by one
        assertThat(lines.stream().map(l -> l.path("message").asString()).filter(m -> m.startsWith("Completed ")).count()).isPositive();
    }

    @Test
    void theReportIsStoredWithUsageListedAndDownloadable() {
        String session = newSessionId();
        Api client = api.session(session);
        List<JsonNode> lines = lines(client.post("/deep_analysis_streaming", Map.of("goal", GOAL)));
        String uuid = lines.getFirst().path("report_uuid").asString();
        long id = lines.getFirst().path("report_id").asLong();

        JsonNode report = client.get("/deep_analysis/reports/uuid/" + uuid).json();
        assertThat(report.path("status").asString()).isEqualTo("completed");
        assertThat(report.path("report_id").asLong()).isEqualTo(id);
        assertThat(report.path("progress_percentage").asInt()).isEqualTo(100);
        assertThat(report.path("duration_seconds").isNumber()).isTrue();
        assertThat(report.path("end_time").asString()).endsWith("Z");
        assertThat(report.path("steps_completed").size()).isEqualTo(8);
        assertThat(report.path("model_name").asString()).isEqualTo("offline");
        assertThat(report.path("synthesis").size()).isPositive();
        assertThat(report.path("html_report").asString()).contains("<title>Deep Analysis Report</title>");

        long calls = jdbc.sql("SELECT count(*) FROM model_usage WHERE session_id = ?").param(session).query(Long.class).single();
        int questions = report.path("synthesis").size();
        // questions + plan + one per agent step (at least one) + one synthesis per question + conclusion
        assertThat(calls).isGreaterThanOrEqualTo(3L + 2L * questions);

        JsonNode listed = client.get("/deep_analysis/reports?limit=5&status=completed").json();
        assertThat(listed.get(0).path("report_uuid").asString()).isEqualTo(uuid);
        assertThat(client.get("/deep_analysis/reports?status=failed").json().size()).isZero();
        assertThat(client.get("/deep_analysis/reports?limit=1&offset=1").json().size()).isZero();
        assertThat(client.get("/deep_analysis/reports/" + id).json().path("report_uuid").asString()).isEqualTo(uuid);
        JsonNode history = client.get("/deep_analysis/reports/user_historical?user_id=999").json();
        assertThat(history.get(0).path("final_conclusion").asString()).isNotBlank();

        Api.Response download = client.post("/deep_analysis/download_from_db/" + uuid + "?user_id=1", null);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).startsWith("text/html");
        assertThat(download.header("Content-Disposition")).contains("attachment", "deep_analysis_report_");
        assertThat(download.body()).contains("Detailed Research Questions", "class=\"chart\"");
        assertThat(download.body()).doesNotContain("<script src", "<link ");

        JsonNode html = client.get("/deep_analysis/reports/uuid/" + uuid + "/html").json();
        assertThat(html.path("filename").asString()).startsWith("deep_analysis_report_").endsWith(".html");
        assertThat(html.path("html_report").asString()).isEqualTo(download.body());
    }

    @Test
    void anotherUsersReportIsNotFoundOnEveryRoute() {
        Api ann = signedInUser("ann").session(newSessionId());
        String uuid = lines(ann.post("/deep_analysis_streaming", Map.of("goal", GOAL))).getFirst().path("report_uuid").asString();
        long id = ann.get("/deep_analysis/reports/uuid/" + uuid).json().path("report_id").asLong();
        long annId = me(ann).path("user_id").asLong();

        Api bob = signedInUser("bob").session(newSessionId());
        assertThat(bob.get("/deep_analysis/reports/" + id + "?user_id=" + annId).status()).isEqualTo(404);
        assertThat(bob.get("/deep_analysis/reports/uuid/" + uuid + "?user_id=" + annId).status()).isEqualTo(404);
        assertThat(bob.get("/deep_analysis/reports/uuid/" + uuid + "/html").status()).isEqualTo(404);
        assertThat(bob.post("/deep_analysis/download_from_db/" + uuid, null).status()).isEqualTo(404);
        assertThat(bob.put("/deep_analysis/reports/" + id + "/status", Map.of("status", "failed")).status()).isEqualTo(404);
        assertThat(bob.post("/deep_analysis/reports/uuid/" + uuid + "/cancel", null).status()).isEqualTo(404);
        assertThat(bob.delete("/deep_analysis/reports/" + uuid).status()).isEqualTo(404);
        assertThat(bob.delete("/deep_analysis/reports/" + id).status()).isEqualTo(404);
        assertThat(bob.get("/deep_analysis/reports?user_id=" + annId).json().size()).isZero();
        assertThat(bob.get("/deep_analysis/reports/user_historical?user_id=" + annId).json().size()).isZero();
        // a posted download naming ann's report does not overwrite it
        bob.post("/deep_analysis/download_report", Map.of("report_uuid", uuid, "analysis_data", Map.of("goal", "bob was here")));
        assertThat(ann.get("/deep_analysis/reports/uuid/" + uuid).json().path("html_report").asString()).doesNotContain("bob was here");

        assertThat(ann.get("/deep_analysis/reports/uuid/" + uuid).json().path("status").asString()).isEqualTo("completed");
        assertThat(ann.delete("/deep_analysis/reports/" + uuid).status()).isEqualTo(200);
        assertThat(ann.get("/deep_analysis/reports/uuid/" + uuid).status()).isEqualTo(404);
    }

    @Test
    void aClientThatDisconnectsMidRunStillGetsAFinishedReport() throws Exception {
        String session = newSessionId();
        HttpRequest request = api.session(session).builder("/deep_analysis_streaming")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"goal\":\"" + GOAL + "\"}")).build();
        String uuid;
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
                uuid = JSON.readTree(reader.readLine()).path("report_uuid").asString();
            } // closing the body mid-stream drops the connection
        }
        String status = "running";
        for (int i = 0; i < 600 && status.equals("running"); i++) {
            Thread.sleep(200);
            status = api.session(session).get("/deep_analysis/reports/uuid/" + uuid).json().path("status").asString();
        }
        assertThat(status).isIn("completed", "cancelled");
    }

    @Test
    void cancellingARunningAnalysisEndsItCancelledOrLeavesAFinishedOneAsItIs() throws Exception {
        String session = newSessionId();
        Api client = api.session(session);
        HttpRequest request = client.builder("/deep_analysis_streaming").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"goal\":\"" + GOAL + "\"}")).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String uuid = JSON.readTree(reader.readLine()).path("report_uuid").asString();
                assertThat(client.post("/deep_analysis/reports/uuid/" + uuid + "/cancel", null).status()).isEqualTo(200);
                String line;
                JsonNode last = null;
                while ((line = reader.readLine()) != null) last = JSON.readTree(line);
                String ending = last.path("step").asString();
                assertThat(ending).isIn("cancelled", "completed");
                String stored = client.get("/deep_analysis/reports/uuid/" + uuid).json().path("status").asString();
                assertThat(stored).isEqualTo(ending.equals("cancelled") ? "cancelled" : "completed");
                if (ending.equals("cancelled")) {
                    assertThat(client.get("/deep_analysis/reports/uuid/" + uuid).json().path("error_message").asString()).contains("Cancelled", "step");
                }
            }
        }
    }

    @Test
    void aStatusUpdateToAFinalStatusSetsTheEndTimeAndABadStatusIs400() {
        Api client = api.session(newSessionId());
        String uuid = lines(client.post("/deep_analysis_streaming", Map.of("goal", GOAL))).getFirst().path("report_uuid").asString();
        long id = client.get("/deep_analysis/reports/uuid/" + uuid).json().path("report_id").asLong();
        Api.Response bad = client.put("/deep_analysis/reports/" + id + "/status", Map.of("status", "done"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.detail()).contains("status");
        JsonNode updated = client.put("/deep_analysis/reports/" + id + "/status", Map.of("status", "failed")).json();
        assertThat(updated.path("status").asString()).isEqualTo("failed");
        assertThat(updated.path("end_time").asString()).endsWith("Z");
        assertThat(updated.path("duration_seconds").asInt()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void clientMistakesAreClear400s() {
        Api client = api.session(newSessionId());
        Api.Response noGoal = client.post("/deep_analysis_streaming", Map.of("goal", " "));
        assertThat(noGoal.status()).isEqualTo(400);
        assertThat(noGoal.detail()).contains("goal");
        assertThat(client.get("/deep_analysis/reports?limit=0").status()).isEqualTo(400);
        assertThat(client.get("/deep_analysis/reports?status=nope").status()).isEqualTo(400);
        assertThat(client.post("/deep_analysis/download_report", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void aReportTheClientPostsIsStoredAsTheCallersAndAnotherUsersUuidIsAConflict() {
        Api ann = signedInUser("ann").session(newSessionId());
        String uuid = "report_" + System.nanoTime();
        Api.Response created = ann.post("/deep_analysis/reports", Map.of("report_uuid", uuid, "user_id", 999999, "goal", "posted goal",
                "final_conclusion", "done", "plotly_figures", List.of(List.of("{\"data\":[]}")), "summaries", List.of("s1")));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().path("user_id").asLong()).isEqualTo(me(ann).path("user_id").asLong());
        JsonNode stored = ann.get("/deep_analysis/reports/uuid/" + uuid).json();
        assertThat(stored.path("status").asString()).isEqualTo("completed");
        assertThat(stored.path("summaries").get(0).asString()).isEqualTo("s1");
        assertThat(stored.path("plotly_figures").get(0).size()).isEqualTo(1);
        // posting it again returns the same row
        assertThat(ann.post("/deep_analysis/reports", Map.of("report_uuid", uuid, "goal", "again")).json().path("report_id").asLong())
                .isEqualTo(stored.path("report_id").asLong());

        Api bob = signedInUser("bob").session(newSessionId());
        Api.Response taken = bob.post("/deep_analysis/reports", Map.of("report_uuid", uuid, "goal", "mine now"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(bob.post("/deep_analysis/reports", Map.of("goal", "no uuid")).status()).isEqualTo(400);
    }

    @Test
    void theRoutesAreDocumented() {
        JsonNode paths = api.get("/openapi.json").json().path("paths");
        assertThat(paths.has("/deep_analysis_streaming")).isTrue();
        assertThat(paths.has("/deep_analysis/reports")).isTrue();
        assertThat(paths.has("/deep_analysis/reports/uuid/{reportUuid}/cancel")).isTrue();
        assertThat(paths.has("/deep_analysis/download_from_db/{reportUuid}")).isTrue();
        assertThat(paths.path("/deep_analysis_streaming").path("post").path("summary").asString()).contains("progress");
    }
}
