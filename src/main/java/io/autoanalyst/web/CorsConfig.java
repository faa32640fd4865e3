package io.autoanalyst.web;

import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Browsers call the API cross-origin (the original's frontend runs on its own origin). Any
 * request header is allowed: that frontend even sends {@code Access-Control-Allow-Origin} and
 * {@code Cache-Control} as request headers, and a preflight that refuses one fails the whole call.
 * No cookies are used, so credentials stay off and {@code *} is a valid origin list.
 */
@Configuration(proxyBeanMethods = false)
public class CorsConfig {

    @Bean
    CorsConfigurationSource corsConfigurationSource(WebSettings settings) {
        CorsConfiguration cors = new CorsConfiguration();
        if (settings.corsOrigins().contains("*")) {
            cors.addAllowedOriginPattern("*");
        } else {
            cors.setAllowedOrigins(settings.corsOrigins());
        }
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.addAllowedHeader("*");
        cors.setExposedHeaders(List.of("X-Request-ID", "Content-Disposition", "Retry-After", "Location"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(Duration.ofMinutes(10));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
