package io.autoanalyst.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.SqliteApi;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Who gets the web UI at / and who keeps the original's welcome object; how its assets are cached. */
@SqliteApi
class UiRoutesTest extends ApiTestBase {

    private static final String BROWSER_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    @Test
    void aBrowserGetsThePage() {
        Api.Response page = api.send(api.builder("/").header("Accept", BROWSER_ACCEPT).GET());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Cache-Control")).contains("no-cache");
        assertThat(page.body()).contains("<div id=\"app\">").containsPattern("assets/app-\\w+\\.js");
    }

    @Test
    void clientsThatDoNotAskForHtmlKeepTheWelcomeObject() {
        assertThat(api.get("/").json().path("title").asString()).isEqualTo("Auto-Analyst API");
        Api.Response json = api.send(api.builder("/").header("Accept", "application/json").GET());
        assertThat(json.header("Content-Type")).startsWith("application/json");
        assertThat(json.json().path("features")).hasSize(5);
    }

    @Test
    void hashedAssetsMayBeCachedForAYear() {
        String html = api.send(api.builder("/").header("Accept", BROWSER_ACCEPT).GET()).body();
        Matcher script = Pattern.compile("src=\"(assets/app-\\w+\\.js)\"").matcher(html);
        Matcher plotly = Pattern.compile("data-plotly-src=\"(assets/plotly-2\\.[\\d.]+\\.min\\.js)\"").matcher(html);
        assertThat(script.find()).isTrue();
        assertThat(plotly.find()).as("plotly.js 2.x, the line that matches the kernel's Python plotly 5").isTrue();
        for (String asset : new String[] {script.group(1), plotly.group(1)}) {
            Api.Response response = api.get("/" + asset);
            assertThat(response.status()).as(asset).isEqualTo(200);
            assertThat(response.header("Content-Type")).contains("javascript");
            assertThat(response.header("Cache-Control")).contains("max-age=31536000", "immutable");
        }
    }

    @Test
    void anUnknownAssetIsNotFound() {
        assertThat(api.get("/assets/app-NOPE.js").status()).isEqualTo(404);
    }
}
