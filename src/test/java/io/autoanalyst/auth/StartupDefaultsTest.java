package io.autoanalyst.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.AutoAnalystApplication;
import io.autoanalyst.support.SqliteDatabase;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;

/** A server started with no settings listens on loopback only and has no generated password user. */
@ExtendWith(OutputCaptureExtension.class)
class StartupDefaultsTest {

    @Test
    void listensOnLoopbackAndLogsNoGeneratedPassword(CapturedOutput output) throws Exception {
        String dataDir = SqliteDatabase.newFolder().toString();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AutoAnalystApplication.class).run(
                "--server.port=0", "--autoanalyst.database.url=" + SqliteDatabase.newUrl(), "--autoanalyst.database.data-dir=" + dataDir,
                "--autoanalyst.kernel.work-root=" + dataDir + "/kernels", "--autoanalyst.kernel.pool-size=0")) {
            TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) context).getWebServer();
            Object address = server.getTomcat().getConnector().getProperty("address");
            assertThat(address).isInstanceOf(InetAddress.class);
            assertThat(((InetAddress) address).isLoopbackAddress()).as("bound to " + address).isTrue();
            assertThat(context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
        }
        assertThat(output.getAll()).contains("Tomcat started on port")
                .doesNotContainIgnoringCase("generated security password");
    }
}
