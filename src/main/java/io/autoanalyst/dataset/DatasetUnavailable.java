package io.autoanalyst.dataset;

import io.autoanalyst.web.ApiException;
import org.springframework.http.HttpStatus;

/** A stored dataset whose rows cannot be read now: its copy is missing or failed to be written. */
public class DatasetUnavailable extends ApiException {
    public DatasetUnavailable(String name, String reason) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "Dataset '" + name + "' cannot be read: " + reason);
    }
}
