package io.autoanalyst.deepanalysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.SqliteApi;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.JsonNode;

/** A real offline run's downloaded report, opened in headless Chromium offline: one drawn chart per figure the kernel made. */
@SqliteApi
class OfflineReportInBrowserTest extends ApiTestBase {

    @Test
    void theDownloadedReportDrawsEveryFigureOfTheRun(@TempDir Path dir) throws Exception {
        ChromeDriver browser = ReportInBrowserTest.openBrowser();
        try {
            Api client = api.session(newSessionId());
            List<JsonNode> lines = DeepAnalysisApiTests.lines(client.post("/deep_analysis_streaming", Map.of("goal", "What drives house prices?")));
            JsonNode last = lines.getLast();
            assertThat(last.path("step").asString()).isEqualTo("completed");
            int figures = 0;
            for (JsonNode perQuestion : last.path("analysis").path("plotly_figs")) figures += perQuestion.size();
            assertThat(figures).isPositive();

            String uuid = lines.getFirst().path("report_uuid").asString();
            File file = dir.resolve("report.html").toFile();
            Files.writeString(file.toPath(), client.post("/deep_analysis/download_from_db/" + uuid, null).body());
            assertThat(ReportInBrowserTest.openAndWaitForCharts(browser, file, figures)).isEmpty();
            assertThat(ReportInBrowserTest.drawnCharts(browser)).isEqualTo(figures);
        } finally {
            browser.quit();
        }
    }
}
