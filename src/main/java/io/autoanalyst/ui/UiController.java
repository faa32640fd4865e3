package io.autoanalyst.ui;

import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The web UI's page at {@code /}, for browsers. It answers only requests that name {@code text/html}
 * in their Accept header: Spring prefers the mapping whose produces type the client lists, so a
 * browser gets this page while {@code curl} ({@code *}{@code /*}) and API clients asking for JSON keep
 * getting the original's welcome object from {@link io.autoanalyst.web.RootController}. The page's
 * scripts and styles are static files under {@code static/assets/}, built from {@code src/main/ui}.
 */
@RestController
@Hidden
public class UiController {

    private final Resource page = new ClassPathResource("static/index.html");

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> index() {
        if (!page.exists()) {
            // A build without node/npm (-Dui.skip=true) has no UI; say so rather than answer an empty 404.
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.TEXT_HTML)
                    .body("<!doctype html><title>Auto-Analyst</title><p>This server was built without its web UI "
                            + "(it needs node and npm at build time: <code>./analyst build</code>). "
                            + "The API works: see <a href=\"docs\">/docs</a>.</p>");
        }
        try {
            // The page names content-hashed assets: it must be revalidated, they need not be.
            return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                    .cacheControl(CacheControl.noCache())
                    .body(page.getContentAsString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
