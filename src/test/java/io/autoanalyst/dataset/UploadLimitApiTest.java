package io.autoanalyst.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.test.context.SpringBootTest;

/** Past the upload limit, both upload paths (streamed and container-parsed) answer 413 naming the limit, and keep nothing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "autoanalyst.test.database=sqlite",
        "autoanalyst.dataset.max-upload-size=1MB",
        "spring.servlet.multipart.max-file-size=1MB",
        "spring.servlet.multipart.max-request-size=1MB",
})
class UploadLimitApiTest extends ApiTestBase {

    @org.junit.jupiter.api.Test
    void anUploadOverTheLimitIsA413AndTheSessionKeepsItsData() {
        byte[] big = ("n,t\n" + "1,abcdefghij\n".repeat(200_000)).getBytes(StandardCharsets.UTF_8); // ~2.6 MB
        Api client = api.session(newSessionId());
        for (String route : new String[] {"/upload_dataframe", "/upload_excel"}) {
            Multipart form = new Multipart().file("file", "big.csv", big).field("name", "big");
            Api.Response r = client.send(client.builder(route).header("Content-Type", form.contentType()).POST(form.body()));
            assertThat(r.status()).as(route + " " + r).isEqualTo(413);
            assertThat(r.detail()).contains("over the upload limit of 1 MB");
        }
        assertThat(client.get("/api/datasets").json().path("datasets").get(0).path("is_default").asBoolean()).isTrue();
    }
}
