package io.autoanalyst.dataset;

import io.autoanalyst.web.NotFound;

/** No dataset of that name in the caller's session (or the session is someone else's). */
public class DatasetNotFound extends NotFound {
    public DatasetNotFound(String name) {
        super("No dataset named '" + name + "' in this session");
    }
}
