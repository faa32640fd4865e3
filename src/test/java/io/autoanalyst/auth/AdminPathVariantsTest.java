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

        @AdminOnly
        @org.springframework.web.bind.annotation.DeleteMapping("/api/test-admin/items/{id}")
        Map<String, String> delete(@org.springframework.web.bind.annotation.PathVariable long id) {
            return Map.of("deleted", Long.toString(id));
        }
    }

    @Test
    void noSpellingOfAnAdminPathAnswersWithoutTheKey() {
        List<AdminOperation> operations = adminOperations();
        Api admin = api.with(AdminKeyGuard.HEADER, ADMIN_KEY);
        for (AdminOperation operation : operations) {
            if (operation.method().equals("GET") && !operation.templated()) {
                // the route is real and the key opens it (it may still want parameters this test does not send)
                assertThat(admin.get(operation.path()).status()).as("with the key: " + operation.path())
                        .isNotIn(401, 403, 404, 405).isLessThan(500);
            }
        }
        List<String> opened = new ArrayList<>();
        for (AdminOperation operation : operations) {
            for (String variant : variants(operation.path())) {
                Api.Response response = send(api, operation.method(), variant);
                if (response.status() < 300) opened.add(operation.method() + " " + variant + " -> " + response.status());
                Api.Response wrongKey = send(api.with(AdminKeyGuard.HEADER, "wrong"), operation.method(), variant);
                if (wrongKey.status() < 300) opened.add(operation.method() + " " + variant + " (wrong key) -> " + wrongKey.status());
            }
        }
        assertThat(opened).isEmpty();
    }

    record AdminOperation(String method, String path, boolean templated) {
    }

    private static Api.Response send(Api client, String method, String path) {
        return client.send(client.builder(path).header("Content-Type", "application/json")
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(method.equals("GET") ? "" : "{}")));
    }

    @Test
    void aRejectedSpellingIsAProblemNotAStackTrace() {
        Api.Response response = api.get("/actuator;x=1/prometheus");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).contains("application/problem+json");
        assertThat(response.detail()).isNotBlank();
    }

    /** Admin operations of the OpenAPI document and every actuator endpoint except the open health probes. */
    private List<AdminOperation> adminOperations() {
        List<AdminOperation> operations = new ArrayList<>();
        JsonNode document = api.get("/openapi.json").json();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (operation.getValue().path("security").toString().contains("adminKey")) {
                String concrete = path.getKey().replaceAll("\\{[^}]+}", "1");
                operations.add(new AdminOperation(operation.getKey().toUpperCase(Locale.ROOT), concrete, !concrete.equals(path.getKey())));
            }
        }));
        assertThat(operations).as("admin routes in the API document")
                .contains(new AdminOperation("GET", "/api/test-admin/ping", false), new AdminOperation("DELETE", "/api/test-admin/items/1", true));
        Set<String> actuator = new LinkedHashSet<>();
        JsonNode links = api.with(AdminKeyGuard.HEADER, ADMIN_KEY).get("/actuator").json().path("_links");
        links.properties().forEach(link -> {
            String href = link.getValue().path("href").asString();
            String path = href.substring(href.indexOf("/actuator"));
            if (path.contains("/health")) return;
            actuator.add(path.replace("{requiredMetricName}", "jvm.memory.used").replace("{*path}", ""));
        });
        assertThat(actuator).contains("/actuator/prometheus", "/actuator/metrics", "/actuator");
        actuator.forEach(path -> operations.add(new AdminOperation("GET", path, false)));
        return operations;
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
