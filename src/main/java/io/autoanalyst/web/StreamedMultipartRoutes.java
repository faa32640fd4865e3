package io.autoanalyst.web;

import java.util.Set;

/**
 * Routes whose controllers read their multipart body themselves with {@link StreamingMultipart}:
 * the servlet container must not parse (and store) it before they run. A feature declares its
 * routes with a bean of this type.
 */
public interface StreamedMultipartRoutes {

    /** Request paths (without the context path), matched exactly. */
    Set<String> paths();
}
