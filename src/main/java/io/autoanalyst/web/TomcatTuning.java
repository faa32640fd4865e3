package io.autoanalyst.web;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat reads request bodies from the socket in 8 KB steps by default; a 100 MB upload then costs
 * some 12,000 reads. 64 KB steps took the spooling of such an upload from ~0.23 s to ~0.16 s
 * (bench/upload_vs_pandas.py), at 56 KB more per open connection.
 */
@Configuration(proxyBeanMethods = false)
class TomcatTuning {

    @Bean
    TomcatConnectorCustomizer largerSocketReads() {
        return connector -> connector.setProperty("socket.appReadBufSize", "65536");
    }
}
