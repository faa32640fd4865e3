package io.autoanalyst.evaluation;

import io.autoanalyst.auth.AdminOnly;
import io.autoanalyst.web.NdjsonStream;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Admin routes of the benchmark evaluation: start (or resume) a DABench run and follow its progress as
 * NDJSON lines, list runs, read a run's report. The run belongs to the server, not to the request: a client
 * that goes away stops receiving lines, and the run goes on (follow it with the report route).
 */
@RestController
@AdminOnly
@RequestMapping("/api/evaluations")
@Tag(name = "Evaluation", description = "Benchmark a model through the real chat path (admin key)")
public class EvaluationController {

    private static final MediaType NDJSON = MediaType.parseMediaType(NdjsonStream.CONTENT_TYPE);

    private final EvaluationService evaluations;
    private final JsonMapper json;

    public EvaluationController(EvaluationService evaluations, JsonMapper json) {
        this.evaluations = evaluations;
        this.json = json;
    }

    /**
     * @param dataDir the DABench folder on the server (default {@code autoanalyst.evaluation.dabench-dir})
     */
    public record StartRequest(String model, Integer limit, Integer concurrency, List<Integer> questions, String dataDir,
                               Long resume, Boolean fresh) {
    }

    @PostMapping(path = "/dabench", produces = {NdjsonStream.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE})
    @Operation(summary = "Run InfiAgent-DABench against a model; streams progress lines {event: started | question | finished | "
            + "failed}. An unfinished run with the same model and questions is resumed unless fresh is true")
    public ResponseEntity<ResponseBodyEmitter> start(@RequestBody(required = false) StartRequest body) {
        StartRequest b = body == null ? new StartRequest(null, null, null, null, null, null, null) : body;
        EvaluationRequest request = new EvaluationRequest(blankToNull(b.model()), b.limit(), b.concurrency(), b.questions(),
                b.dataDir() == null || b.dataDir().isBlank() ? null : Path.of(b.dataDir()), b.resume(), Boolean.TRUE.equals(b.fresh()));
        // No time limit on the response: a run of the whole benchmark takes as long as the model needs.
        ResponseBodyEmitter emitter = new ResponseBodyEmitter(0L);
        LineSender lines = new LineSender(emitter, json);
        EvaluationService.Started started = evaluations.start(request, lines::send);
        started.report().whenComplete((report, failure) -> emitter.complete());
        return ResponseEntity.ok().contentType(NDJSON).header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header("X-Accel-Buffering", "no").body(emitter);
    }

    @GetMapping
    @Operation(summary = "Evaluation runs, newest first")
    public List<RunView> list(@RequestParam(defaultValue = "50") int limit) {
        return evaluations.list(Math.clamp(limit, 1, 500)).stream()
                .map(r -> RunView.of(r, evaluations.status(r), evaluations.scored(r.runId()))).toList();
    }

    @GetMapping("/{runId}")
    @Operation(summary = "A run's report: accuracies overall, by level and by concept, tokens, cost, and every scored question")
    public EvaluationReport report(@PathVariable long runId) {
        return evaluations.report(runId);
    }

    @GetMapping(path = "/{runId}/report.md", produces = "text/markdown;charset=UTF-8")
    @Operation(summary = "A run's report as Markdown")
    public String markdown(@PathVariable long runId) {
        return ReportWriter.markdown(evaluations.report(runId));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** One line per call, whole; once the client has gone, lines are dropped and the run goes on. */
    private static final class LineSender {
        private final ResponseBodyEmitter emitter;
        private final JsonMapper json;
        private boolean gone;

        LineSender(ResponseBodyEmitter emitter, JsonMapper json) {
            this.emitter = emitter;
            this.json = json;
        }

        synchronized void send(ProgressLine line) {
            if (gone) return;
            try {
                byte[] body = json.writeValueAsBytes(line);
                byte[] framed = java.util.Arrays.copyOf(body, body.length + 1);
                framed[body.length] = '\n';
                // raw bytes: a String would be re-encoded with text/plain's default charset, ISO-8859-1
                emitter.send(framed, MediaType.APPLICATION_OCTET_STREAM);
            } catch (IOException | IllegalStateException e) {
                gone = true;
            }
        }
    }
}
