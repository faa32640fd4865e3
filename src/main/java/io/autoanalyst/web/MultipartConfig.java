package io.autoanalyst.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.multipart.MultipartResolver;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;

/**
 * The container's multipart parsing for every route but those that stream their body
 * ({@link StreamedMultipartRoutes}): for those the request reaches the controller unread.
 */
@Configuration(proxyBeanMethods = false)
class MultipartConfig {

    @Bean(name = "multipartResolver")
    MultipartResolver multipartResolver(List<StreamedMultipartRoutes> routes) {
        Set<String> streamed = new HashSet<>();
        routes.forEach(r -> streamed.addAll(r.paths()));
        Set<String> paths = Set.copyOf(streamed);
        return new StandardServletMultipartResolver() {
            @Override
            public boolean isMultipart(HttpServletRequest request) {
                return super.isMultipart(request) && !paths.contains(pathOf(request));
            }
        };
    }

    private static String pathOf(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }
}
