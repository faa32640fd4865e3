package io.autoanalyst.deepanalysis;

import io.autoanalyst.web.ApiException;
import org.springframework.http.HttpStatus;

/** A posted report names a uuid another report already has. */
public class ReportUuidTaken extends ApiException {
    public ReportUuidTaken(String uuid) {
        super(HttpStatus.CONFLICT, "A report with report_uuid " + uuid + " already exists; choose another uuid");
    }
}
