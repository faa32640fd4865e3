package io.autoanalyst.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.AutoAnalystApplication;
import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.Background;
import io.autoanalyst.support.SqliteDatabase;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Stopping the server lets a request in flight finish (and records it) instead of cutting it off. */
class GracefulShutdownTest {

    @Test
    void aRunInFlightFinishesAndIsRecordedWhenTheServerStops() throws Exception {
        String dataDir = SqliteDatabase.newFolder().toString();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(AutoAnalystApplication.class).run(
                "--server.port=0", "--autoanalyst.database.url=" + SqliteDatabase.newUrl(), "--autoanalyst.database.data-dir=" + dataDir,
                "--autoanalyst.kernel.work-root=" + dataDir + "/kernels", "--autoanalyst.kernel.pool-size=1", "--logging.level.root=WARN");
        Api api = new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port"))).session(ApiTestBase.newSessionId());
        assertThat(api.post("/code/execute", Map.of("code", "print('warm')")).status()).isEqualTo(200);

        CompletableFuture<Api.Response> slow = Background.supply(() ->
                api.post("/code/execute", Map.of("code", "import time\ntime.sleep(2)\nprint('finished after the stop began')")));
        Thread.sleep(700); // the run is under way
        CompletableFuture<Void> stopping = Background.run(context::close);

        Api.Response response = slow.get(60, TimeUnit.SECONDS);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("output").asString()).contains("finished after the stop began");
        stopping.get(60, TimeUnit.SECONDS);
        assertThat(context.isActive()).isFalse();
    }
}
