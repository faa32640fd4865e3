package io.autoanalyst.dataset;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.autoanalyst.dataset.profile.DatasetDescriber;
import io.autoanalyst.dataset.profile.DatasetProfile;
import io.autoanalyst.dataset.profile.DescriptionFromPreview;
import io.autoanalyst.session.SessionContext;
import io.autoanalyst.web.BadRequest;
import io.autoanalyst.web.StreamingMultipart;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The original's dataset routes with their shapes, plus listing, paging and deleting a session's datasets. */
@RestController
@Tag(name = "Datasets", description = "Upload, preview and profile the session's datasets")
public class DatasetController {

    private final DatasetService datasets;
    private final DefaultDataset defaultDataset;
    private final JsonMapper json;

    public DatasetController(DatasetService datasets, DefaultDataset defaultDataset, JsonMapper json) {
        this.datasets = datasets;
        this.defaultDataset = defaultDataset;
        this.json = json;
    }

    public record DataframeUploaded(String message, String sessionId, long rows, List<String> columns, String name,
                                    String description, List<String> notes) {
    }

    public record ExcelUploaded(String message, String sessionId, List<String> sheetsProcessed, int totalSheets,
                                List<String> datasetNames) {
    }

    public record Sheets(List<String> sheets) {
    }

    /** The original's fields, plus each column's detected type (integer, decimal, string, boolean, date, datetime). */
    public record Preview(List<String> headers, List<List<Object>> rows, String name, String description, List<String> notes,
                          List<String> types) {
        static List<String> typesOf(DatasetProfile profile) {
            return profile.columns().stream().map(DatasetProfile.ColumnProfile::type).toList();
        }
    }

    public record PreviewRequest(List<String> headers, List<List<Object>> rows, String name, String description,
                                 @JsonAlias("existingDescription") String existingDescription) {
    }

    public record Description(String description) {
    }

    public record ResetRequest(String name, String description,
                               @JsonAlias("preserveModelSettings") Boolean preserveModelSettings) {
    }

    public record ResetDone(String message, String sessionId, String dataset, boolean modelSettingsPreserved) {
    }

    public record SessionDatasetList(String sessionId, List<DatasetView> datasets) {
    }

    public record Page(String name, List<String> headers, List<List<Object>> rows, long offset, int limit, long totalRows) {
    }

    public record Deleted(String message, String name) {
    }

    /** The form of {@code /upload_dataframe}, for the API docs (the body is read as it streams in). */
    @Schema(name = "DataframeUploadForm")
    public record DataframeUploadForm(
            @Schema(description = "The data file: CSV/TSV (any common delimiter and encoding), JSON, JSON lines, Parquet or xlsx",
                    format = "binary", requiredMode = Schema.RequiredMode.REQUIRED) String file,
            @Schema(description = "Display name (default: the file name without its extension)") String name,
            @Schema(description = "Your description of the data, kept in the description agents read") String description,
            @Schema(description = "Columns to keep, one field per column (default: all)") List<String> columns,
            @Schema(name = "fill_nulls", description = "Accepted for compatibility with the original and ignored") String fillNulls,
            @Schema(name = "convert_types", description = "Accepted for compatibility with the original and ignored") String convertTypes) {
    }

    /** Largest value of a text field of the upload form (a description can be long, not unbounded). */
    private static final int MAX_FIELD_BYTES = 1 << 20;

    @PostMapping(path = DataframeUploadRoute.PATH, consumes = "multipart/form-data")
    @Operation(summary = "Upload a CSV, TSV, JSON, JSON lines, Parquet or xlsx file as the session's dataset `df`",
            description = "The body is read as it arrives (nothing is buffered whole): the file is spooled to the "
                    + "session's staging folder, checked, read with DuckDB and profiled; the answer comes when the "
                    + "profile is ready. Fields may come before or after the file.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "multipart/form-data", schema = @Schema(implementation = DataframeUploadForm.class))))
    public DataframeUploaded uploadDataframe(SessionContext session, HttpServletRequest request) throws IOException {
        StreamingMultipart form = new StreamingMultipart(request.getInputStream(), request.getContentType());
        StagedUpload staged = null;
        try {
            String name = null;
            String description = null;
            List<String> columns = new java.util.ArrayList<>();
            StreamingMultipart.Part part;
            while ((part = form.next()) != null) {
                switch (part.name()) {
                    case "file" -> {
                        if (staged != null) throw new BadRequest("The form has more than one 'file' part");
                        staged = datasets.stage(session.sessionId(), new DatasetService.Upload(part.fileName(), form.content()));
                    }
                    case "name" -> name = form.text(MAX_FIELD_BYTES, "name");
                    case "description" -> description = form.text(MAX_FIELD_BYTES, "description");
                    case "columns" -> columns.add(form.text(MAX_FIELD_BYTES, "columns"));
                    default -> {
                        // fill_nulls, convert_types and unknown fields: skipped by the next call
                    }
                }
            }
            if (staged == null) throw new BadRequest("The form has no 'file' part: send the data file in a field named 'file'");
            List<StoredDataset> stored = datasets.upload(session.sessionId(), staged,
                    new DatasetService.UploadOptions(name, description, columns, null));
            StoredDataset first = stored.getFirst();
            DatasetProfile profile = datasets.profile(first);
            return new DataframeUploaded("Dataframe uploaded successfully", session.sessionId(), first.rows(),
                    profile.columnNames(), first.variable(), first.description(), profile.notes());
        } finally {
            if (staged != null) staged.close();
        }
    }

    @PostMapping(path = "/upload_excel", consumes = "multipart/form-data")
    @Operation(summary = "Upload an xlsx workbook: each selected sheet becomes a DataFrame named after it")
    public ExcelUploaded uploadExcel(SessionContext session, @RequestParam("file") MultipartFile file,
                                     @RequestParam(value = "name", required = false) String name,
                                     @RequestParam(value = "description", required = false) String description,
                                     @RequestParam(value = "selected_sheets", required = false) String selectedSheets) {
        List<StoredDataset> stored = datasets.upload(session.sessionId(), upload(file),
                new DatasetService.UploadOptions(name, description, null, sheets(selectedSheets)));
        return new ExcelUploaded("Excel file processed successfully", session.sessionId(),
                stored.stream().map(StoredDataset::displayName).toList(), stored.size(),
                stored.stream().map(StoredDataset::variable).toList());
    }

    @PostMapping(path = "/api/excel-sheets", consumes = "multipart/form-data")
    @Operation(summary = "List the sheets of an xlsx workbook, in workbook order")
    public Sheets excelSheets(@RequestParam("file") MultipartFile file) {
        return new Sheets(datasets.sheetNames(upload(file)));
    }

    @PostMapping(path = "/preview-csv-upload", consumes = "multipart/form-data")
    @Operation(summary = "Read a file without storing it: headers and the first rows")
    public Preview previewUpload(@RequestParam("file") MultipartFile file,
                                 @RequestParam(value = "name", required = false) String name) {
        IngestedTable table = datasets.preview(upload(file));
        String display = DatasetService.displayName(name, file.getOriginalFilename());
        return new Preview(table.profile().columnNames(), table.profile().sampleRows(), display,
                DatasetDescriber.prefix(List.of(DefaultDataset.VARIABLE)) + display, table.profile().notes(),
                Preview.typesOf(table.profile()));
    }

    @PostMapping("/generate-description-from-preview")
    @Operation(summary = "Describe a dataset from its preview (types inferred from the sample rows)")
    public Description describePreview(@RequestBody(required = false) PreviewRequest request) {
        if (request == null || request.headers() == null || request.headers().isEmpty() || request.rows() == null) {
            throw new io.autoanalyst.web.BadRequest("headers and rows are required");
        }
        String userText = request.description() != null && !request.description().isBlank()
                ? request.description() : request.existingDescription();
        return new Description(DescriptionFromPreview.describe(DefaultDataset.VARIABLE, request.name(), userText,
                request.headers(), request.rows()));
    }

    @GetMapping("/api/default-dataset")
    @Operation(summary = "The sample dataset: headers, first rows and its description (variable `df`); needs a session, "
            + "as in the original (its frontend creates a guest session on this route's 400)")
    public Preview defaultDataset(SessionContext session) {
        DefaultDataset.Installed installed = defaultDataset.installed();
        return new Preview(installed.profile().columnNames(), installed.profile().sampleRows(), DefaultDataset.PREVIEW_NAME,
                installed.description(), List.of(), Preview.typesOf(installed.profile()));
    }

    @PostMapping("/reset-session")
    @Operation(summary = "Back to the default dataset only")
    public ResetDone reset(SessionContext session, @RequestBody(required = false) ResetRequest body) {
        datasets.reset(session.sessionId());
        boolean preserve = body != null && Boolean.TRUE.equals(body.preserveModelSettings());
        return new ResetDone("Session reset to default dataset", session.sessionId(), DefaultDataset.DISPLAY_NAME, preserve);
    }

    @GetMapping("/api/datasets")
    @Operation(summary = "The session's datasets with their profiles, in load order (the first is `df`)")
    public SessionDatasetList list(SessionContext session) {
        return new SessionDatasetList(session.sessionId(),
                datasets.datasets(session.sessionId()).stream().map(datasets::view).toList());
    }

    @GetMapping("/api/datasets/{name}/preview")
    @Operation(summary = "A page of a dataset's rows")
    public Page page(SessionContext session, @PathVariable String name,
                     @RequestParam(defaultValue = "0") long offset, @RequestParam(defaultValue = "10") int limit) {
        if (offset < 0 || limit < 1 || limit > 1000) {
            throw new io.autoanalyst.web.BadRequest("offset must be >= 0 and limit between 1 and 1000");
        }
        StoredDataset dataset = datasets.dataset(session.sessionId(), name);
        DatasetProfile profile = datasets.profile(dataset);
        return new Page(dataset.variable(), profile.columnNames(), datasets.rows(dataset, offset, limit), offset, limit,
                dataset.rows());
    }

    @DeleteMapping("/api/datasets/{name}")
    @Operation(summary = "Delete one of the session's datasets")
    public Deleted delete(SessionContext session, @PathVariable String name) {
        datasets.delete(session.sessionId(), name);
        return new Deleted("Dataset deleted", name);
    }

    private static DatasetService.Upload upload(MultipartFile file) {
        try {
            return new DatasetService.Upload(file.getOriginalFilename(), file.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The original reads every sheet when the list is missing or not a JSON array of names. */
    private List<String> sheets(String selected) {
        if (selected == null || selected.isBlank()) return null;
        try {
            JsonNode node = json.readTree(selected);
            if (!node.isArray() || node.isEmpty()) return null;
            List<String> names = new java.util.ArrayList<>();
            node.forEach(n -> names.add(n.asString()));
            return names;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
