package io.autoanalyst.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Reads the query string alone. {@code request.getParameter} would also parse (and consume) a
 * form body, which an upload route still needs to stream.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** The first value of a query parameter, decoded, ignoring the case of its name. */
    public static Optional<String> first(HttpServletRequest request, String name) {
        String query = request.getQueryString();
        if (query == null || query.isEmpty()) return Optional.empty();
        MultiValueMap<String, String> parameters = UriComponentsBuilder.newInstance().query(query).build().getQueryParams();
        return parameters.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream())
                .findFirst()
                .map(value -> value == null ? "" : URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
}
