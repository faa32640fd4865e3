package io.autoanalyst.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param corsOrigins     origins a browser may call from ({@code *} = any; bound from CORS_ORIGINS)
 * @param maxJsonBodySize largest non-multipart request body accepted
 */
@ConfigurationProperties(prefix = "autoanalyst.web")
public record WebSettings(List<String> corsOrigins, DataSize maxJsonBodySize) {

    public WebSettings {
        if (corsOrigins == null || corsOrigins.isEmpty()) corsOrigins = List.of("*");
        corsOrigins = corsOrigins.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (maxJsonBodySize == null) maxJsonBodySize = DataSize.ofMegabytes(10);
    }
}
