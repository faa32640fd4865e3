package io.autoanalyst.deepanalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The report as a reader sees it: opened from a file in Debian's headless Chromium with every network route
 * closed, its charts are drawn by the embedded plotly.js, the console stays clean, and the hostile payloads in
 * every field stay text.
 */
class ReportInBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    static ChromeDriver browser;

    @BeforeAll
    static void start() {
        browser = openBrowser();
    }

    /** Debian's headless Chromium with every network route closed; skips the calling test when it is not installed. */
    static ChromeDriver openBrowser() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "Debian's chromium and chromium-driver are not installed; skipping the browser test");
        assumeTrue(new PlotlyJs().source().isPresent(), "plotly.js (Debian's python3-plotly) is not installed; skipping the browser test");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // No network at all: every host resolves to nothing and every request goes to a closed proxy port.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                "--window-size=1200,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Opens the file, waits for {@code charts} drawn charts, and returns the console's errors. */
    static List<LogEntry> openAndWaitForCharts(ChromeDriver browser, File file, int charts) {
        browser.get(file.toURI().toString());
        new WebDriverWait(browser, Duration.ofSeconds(90))
                .until(d -> d.findElements(By.cssSelector("div.chart .main-svg")).size() >= charts);
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    static long drawnCharts(ChromeDriver browser) {
        return (Long) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('div.chart')).filter(c => c.querySelectorAll('.main-svg').length > 0).length");
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
    }

    @Test
    void everyChartIsDrawnOfflineWithoutConsoleErrorsAndPayloadsStayText(@TempDir Path dir) throws Exception {
        File file = dir.resolve("report.html").toFile();
        Files.writeString(file.toPath(), HtmlReportTest.render(HtmlReportTest.hostile(), new PlotlyJs()));
        List<LogEntry> errors = openAndWaitForCharts(browser, file, 3);
        assertThat(drawnCharts(browser)).isEqualTo(3);
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__pwned === undefined")).isEqualTo(true);
        assertThat(browser.findElements(By.tagName("img"))).isEmpty();
        assertThat(browser.findElements(By.tagName("b"))).isEmpty();
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("{{7*7}}", "<script>window.__pwned=1</script>");
        assertThat(errors).isEmpty();
    }
}
