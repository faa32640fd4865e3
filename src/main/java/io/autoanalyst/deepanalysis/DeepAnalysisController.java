package io.autoanalyst.deepanalysis;

import io.autoanalyst.session.SessionContext;
import io.autoanalyst.web.BadRequest;
import io.autoanalyst.web.NdjsonStream;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/**
 * The original's deep-analysis routes. Every report belongs to the caller (signed-in user or the guest session's
 * user); anyone else's is 404. The {@code user_id} query parameter the original frontend sends is accepted and
 * ignored: ownership comes from the caller, not from a parameter.
 */
@RestController
@Tag(name = "Deep analysis", description = "Goal → questions → plan → agents' code → run → synthesis → conclusion, streamed and stored as a report")
public class DeepAnalysisController {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    private final DeepAnalysisService service;
    private final JsonMapper json;
    private final Clock clock;

    public DeepAnalysisController(DeepAnalysisService service, JsonMapper json, Clock clock) {
        this.service = service;
        this.json = json;
        this.clock = clock;
    }

    public record GoalRequest(String goal) {
    }

    public record StatusRequest(String status) {
    }

    public record DownloadRequest(DeepAnalysisResultInput analysisData, String reportUuid) {
    }

    /** The original's posted analysis data; {@code plotly_figs} may be nested lists or single figure strings. */
    public record DeepAnalysisResultInput(String goal, String deepQuestions, String deepPlan, List<String> summaries, String code,
                                          List<Object> plotlyFigs, List<String> synthesis, String finalConclusion) {
    }

    /** The original's {@code DeepAnalysisReportCreate}; {@code user_id} is ignored (the caller owns the row). */
    public record ReportCreate(String reportUuid, String goal, String status, String deepQuestions, String deepPlan,
                               List<String> summaries, String analysisCode, List<Object> plotlyFigures, List<String> synthesis,
                               String finalConclusion, String htmlReport, String reportSummary, Integer progressPercentage,
                               Integer durationSeconds, Integer creditsConsumed, String errorMessage, String modelProvider,
                               String modelName, Long totalTokensUsed, Double estimatedCost, List<String> stepsCompleted) {
    }

    public record HtmlResponse(String htmlReport, String filename) {
    }

    public record Deleted(String message) {
    }

    @PostMapping(value = "/deep_analysis_streaming", produces = {NdjsonStream.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE})
    @Operation(summary = "Run a deep analysis of the session's dataset, streamed as NDJSON lines {step, status, message, content?, progress, "
            + "report_uuid, report_id}: initialization, questions, planning, agent_execution (one line per finished agent), code_synthesis, "
            + "code_execution, synthesis, conclusion, analysis, report, and a last line completed/success (with analysis), error/failed or "
            + "cancelled/cancelled. Progress never decreases. The run continues and is stored if the client disconnects; 400 without a dataset.")
    public ResponseEntity<StreamingResponseBody> stream(SessionContext session,
                                                        @Parameter(description = "Accepted for the original frontend; ignored")
                                                        @RequestParam(name = "user_id", required = false) String userId,
                                                        @RequestBody(required = false) GoalRequest body) {
        DeepAnalysisRun run = service.start(session, body == null ? null : body.goal());
        StreamingResponseBody stream = out -> {
            NdjsonStream lines = new NdjsonStream(out, json);
            int next = 0;
            try {
                while (true) {
                    List<DeepLine> batch = run.linesFrom(next, Duration.ofSeconds(15));
                    for (DeepLine line : batch) {
                        // A client that went away stops reading; the run goes on and stores the report.
                        if (!lines.send(line)) return;
                    }
                    next += batch.size();
                    if (batch.stream().anyMatch(DeepLine::terminal)) return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(NdjsonStream.CONTENT_TYPE))
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header("X-Accel-Buffering", "no")
                .body(stream);
    }

    @PostMapping("/deep_analysis/download_report")
    @Operation(summary = "Render posted analysis data as the HTML report (attachment); stored into the caller's report when report_uuid names one")
    public ResponseEntity<byte[]> downloadReport(SessionContext session, @RequestBody(required = false) DownloadRequest body) {
        if (body == null || body.analysisData() == null) throw new BadRequest("analysis_data: is required");
        DeepAnalysisResultInput in = body.analysisData();
        List<String> questions = in.deepQuestions() == null ? List.of() : in.deepQuestions().lines()
                .map(l -> l.strip().replaceFirst("^\\d+[.)]\\s*", "")).filter(l -> !l.isBlank()).toList();
        DeepAnalysisResult result = new DeepAnalysisResult(in.goal() == null ? "" : in.goal(), in.deepQuestions(), questions, in.deepPlan(),
                nonNull(in.summaries()), in.code(), figures(in.plotlyFigs(), questions.size()), nonNull(in.synthesis()), in.finalConclusion(),
                List.of(), List.of());
        return attachment(service.renderPosted(result, body.reportUuid(), session.userId()));
    }

    @GetMapping("/deep_analysis/reports")
    @Operation(summary = "Your reports, newest first (limit 1-100, default 10; offset; optional status filter)")
    public List<DeepReport.Summary> list(SessionContext session,
                                         @RequestParam(name = "user_id", required = false) String userId,
                                         @RequestParam(name = "limit", defaultValue = "10") int limit,
                                         @RequestParam(name = "offset", defaultValue = "0") int offset,
                                         @RequestParam(name = "status", required = false) String status) {
        return service.list(session.userId(), status, limit, offset).stream().map(DeepReport::summary).toList();
    }

    @PostMapping("/deep_analysis/reports")
    @Operation(summary = "Store a report the client made (the original frontend posts one after each run); the caller owns it. "
            + "Posting the uuid of one of your reports returns that report unchanged; a uuid that is someone else's is 409")
    public DeepReport.Summary create(SessionContext session, @RequestBody(required = false) ReportCreate body) {
        return service.create(body, session.userId()).summary();
    }

    @GetMapping("/deep_analysis/reports/user_historical")
    @Operation(summary = "Your recent reports with their contents (without the HTML; fetch it from .../html), newest first (limit 1-100, default 50)")
    public List<DeepReport> history(SessionContext session,
                                    @RequestParam(name = "user_id", required = false) String userId,
                                    @RequestParam(name = "limit", defaultValue = "50") int limit) {
        return service.list(session.userId(), null, limit, 0).stream().map(DeepReport::withoutHtml).toList();
    }

    @GetMapping("/deep_analysis/reports/{reportId}")
    @Operation(summary = "One of your reports by its numeric id, with its contents; 404 if it is not yours")
    public DeepReport byId(SessionContext session, @PathVariable String reportId,
                           @RequestParam(name = "user_id", required = false) String userId) {
        return service.byIdOrUuid(reportId, session.userId());
    }

    @GetMapping("/deep_analysis/reports/uuid/{reportUuid}")
    @Operation(summary = "One of your reports by its uuid, with its contents; 404 if it is not yours")
    public DeepReport byUuid(SessionContext session, @PathVariable String reportUuid,
                             @RequestParam(name = "user_id", required = false) String userId) {
        return service.byUuid(reportUuid, session.userId());
    }

    @GetMapping("/deep_analysis/reports/uuid/{reportUuid}/html")
    @Operation(summary = "The report's HTML as JSON {html_report, filename}; rendered from the stored fields when missing")
    public HtmlResponse html(SessionContext session, @PathVariable String reportUuid,
                             @RequestParam(name = "user_id", required = false) String userId) {
        return new HtmlResponse(service.htmlOf(service.byUuid(reportUuid, session.userId())), filename());
    }

    @PostMapping("/deep_analysis/download_from_db/{reportUuid}")
    @Operation(summary = "Download the stored HTML report as an attachment; 404 if it is not yours")
    public ResponseEntity<byte[]> downloadFromDb(SessionContext session, @PathVariable String reportUuid,
                                                 @RequestParam(name = "user_id", required = false) String userId) {
        return attachment(service.htmlOf(service.byUuid(reportUuid, session.userId())));
    }

    @GetMapping("/deep_analysis/download_from_db/{reportUuid}")
    @Operation(summary = "Same as the POST form, for links")
    public ResponseEntity<byte[]> downloadFromDbGet(SessionContext session, @PathVariable String reportUuid) {
        return attachment(service.htmlOf(service.byUuid(reportUuid, session.userId())));
    }

    @DeleteMapping("/deep_analysis/reports/{reportId}")
    @Operation(summary = "Delete one of your reports, by numeric id or by uuid (the original frontend sends the uuid); a running one is cancelled")
    public Deleted delete(SessionContext session, @PathVariable String reportId,
                          @RequestParam(name = "user_id", required = false) String userId) {
        DeepReport deleted = service.delete(reportId, session.userId());
        return new Deleted("Report " + deleted.reportId() + " deleted successfully");
    }

    @PutMapping("/deep_analysis/reports/{reportId}/status")
    @Operation(summary = "Set a report's status (pending, running, completed, failed, cancelled); a final status sets end time and duration (UTC)")
    public DeepReport.Summary status(SessionContext session, @PathVariable long reportId,
                                     @RequestParam(name = "user_id", required = false) String userId,
                                     @RequestBody(required = false) StatusRequest body) {
        return service.updateStatus(reportId, session.userId(), body == null ? null : body.status()).summary();
    }

    @PostMapping("/deep_analysis/reports/uuid/{reportUuid}/cancel")
    @Operation(summary = "Cancel a running analysis of yours: it stops at its next step and is stored as cancelled. A finished one is unchanged")
    public DeepReport.Summary cancel(SessionContext session, @PathVariable String reportUuid) {
        return service.cancel(reportUuid, session.userId()).summary();
    }

    private ResponseEntity<byte[]> attachment(String html) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename()).build().toString())
                .body(html.getBytes(StandardCharsets.UTF_8));
    }

    private String filename() {
        return "deep_analysis_report_" + FILE_TIME.format(clock.instant()) + ".html";
    }

    private static List<String> nonNull(List<String> list) {
        return list == null ? List.of() : list.stream().map(s -> s == null ? "" : s).toList();
    }

    /** Nested lists are per question (the original sent one list with every figure: it goes to the first question). */
    private List<List<String>> figures(List<Object> posted, int questions) {
        if (posted == null) return List.of();
        List<List<String>> out = new java.util.ArrayList<>();
        for (Object item : posted) {
            List<String> figs = new java.util.ArrayList<>();
            if (item instanceof List<?> inner) {
                inner.forEach(f -> figs.add(f instanceof String s ? s : json.writeValueAsString(f)));
            } else if (item != null) {
                figs.add(item instanceof String s ? s : json.writeValueAsString(item));
            }
            out.add(figs);
        }
        while (out.size() < questions) out.add(List.of());
        return out;
    }

}
