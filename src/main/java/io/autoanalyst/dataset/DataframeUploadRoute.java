package io.autoanalyst.dataset;

import io.autoanalyst.web.StreamedMultipartRoutes;
import java.util.Set;
import org.springframework.stereotype.Component;

/** {@code /upload_dataframe} reads its body as it streams in (large files are what it is for). */
@Component
class DataframeUploadRoute implements StreamedMultipartRoutes {

    static final String PATH = "/upload_dataframe";

    @Override
    public Set<String> paths() {
        return Set.of(PATH);
    }
}
