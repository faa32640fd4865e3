package io.autoanalyst.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.SqliteApi;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The admin key guards what Spring routes to, not how the path is spelt: every spelling of every
 * admin route (percent-encoded, doubled slashes, dot segments, matrix parameters, other case)
 * answers without the key with anything but success.
 */
@SqliteApi
@Import(AdminPathVariantsTest.TestAdminRoute.class)
class AdminPathVariantsTest extends ApiTestBase {

    /** An admin route of our own, so the test covers admin routes of the API document even before there are many. */
    @RestController
    static class TestAdminRoute {
        @AdminOnly
        @GetMapping("/api/test-admin/ping")
        Map<String, String> ping() {
            return Map.of("pong", "admin");
        }
    }

    @Test
    void noSpellingOfAnAdminPathAnswersWithoutTheKey() {
        List<String> paths = adminPaths();
        Api admin = api.with(AdminKeyGuard.HEADER, ADMIN_KEY);
        for (String path : paths) {
            assertThat(admin.get(path).status()).as("with the key: " + path).isEqualTo(200);
        }
        List<String> opened = new ArrayList<>();
        for (String path : paths) {
            for (String variant : variants(path)) {
                Api.Response response = api.get(variant);
                if (response.status() < 300) opened.add(variant + " -> " + response.status());
                Api.Response wrongKey = api.with(AdminKeyGuard.HEADER, "wrong").get(variant);
                if (wrongKey.status() < 300) opened.add(variant + " (wrong key) -> " + wrongKey.status());
            }
        }
        assertThat(opened).isEmpty();
    }

    @Test
    void aRejectedSpellingIsAProblemNotAStackTrace() {
        Api.Response response = api.get("/actuator;x=1/prometheus");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).contains("application/problem+json");
        assertThat(response.detail()).isNotBlank();
    }

    /** Admin operations of the OpenAPI document and every actuator endpoint except the open health probes. */
    private List<String> adminPaths() {
        Set<String> paths = new LinkedHashSet<>();
        JsonNode document = api.get("/openapi.json").json();
        document.path("paths").properties().forEach(entry -> {
            JsonNode get = entry.getValue().path("get");
            if (!get.isMissingNode() && get.path("security").toString().contains("adminKey")
                    && !entry.getKey().contains("{")) {
                paths.add(entry.getKey());
            }
        });
        assertThat(paths).as("admin routes in the API document").contains("/api/test-admin/ping");
        JsonNode links = api.with(AdminKeyGuard.HEADER, ADMIN_KEY).get("/actuator").json().path("_links");
        links.properties().forEach(link -> {
            String href = link.getValue().path("href").asString();
            String path = href.substring(href.indexOf("/actuator"));
            if (path.contains("/health")) return;
            paths.add(path.replace("{requiredMetricName}", "jvm.memory.used").replace("{*path}", ""));
        });
        assertThat(paths).contains("/actuator/prometheus", "/actuator/metrics", "/actuator");
        return new ArrayList<>(paths);
    }

    static List<String> variants(String path) {
        List<String> out = new ArrayList<>();
        out.add(path);
        String[] segments = path.substring(1).split("/");
        String first = segments[0];
        String rest = path.substring(1 + first.length()); // "" or "/..."
        String last = segments[segments.length - 1];
        String head = path.substring(0, path.length() - last.length());
        out.add("/" + encodeFirst(first) + rest);
        out.add(head + encodeFirst(last));
        out.add("/" + encodeAll(first) + rest);
        out.add("/" + String.format("%%%02X", (int) first.charAt(0)) + first.substring(1) + rest);
        out.add("/" + path);
        out.add(path.replace("/", "//"));
        out.add(path + "/");
        out.add(path + "//");
        out.add("/." + path);
        out.add("/./" + first + "/." + rest);
        out.add("/x/.." + path);
        out.add("/%2e" + path);
        out.add("/x/%2e%2e" + path);
        out.add("/" + first + ";x=1" + rest);
        out.add(path + ";x=1");
        out.add("/;x=1" + path);
        out.add("/" + first + ";" + rest);
        out.add("/" + first + "%3bx=1" + rest);
        out.add(path.toUpperCase(Locale.ROOT));
        out.add("/" + Character.toUpperCase(first.charAt(0)) + first.substring(1) + rest);
        out.add(head + Character.toUpperCase(last.charAt(0)) + last.substring(1));
        out.add("/" + path.substring(1).replace("/", "%2f"));
        out.add("/" + path.substring(1).replace("/", "%5c"));
        out.add("/" + first + "%2f" + rest.substring(Math.min(1, rest.length())));
        out.add(path + "%00");
        out.add(path + "?x=1");
        out.add(path + "#x");
        out.add(path + ".json");
        return out;
    }

    private static String encodeFirst(String segment) {
        return String.format("%%%02x", (int) segment.charAt(0)) + segment.substring(1);
    }

    private static String encodeAll(String segment) {
        StringBuilder b = new StringBuilder();
        for (char c : segment.toCharArray()) b.append(String.format("%%%02X", (int) c));
        return b.toString();
    }
}
