package io.autoanalyst.code;

import io.autoanalyst.runtime.KernelOutput;
import io.autoanalyst.runtime.KernelStatus;
import io.autoanalyst.runtime.RunResult;
import io.autoanalyst.runtime.SessionKernels;
import io.autoanalyst.session.SessionContext;
import io.autoanalyst.web.BadRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Our own kernel routes: one cell in, Jupyter-shaped outputs back. */
@RestController
@RequestMapping("/api/kernel")
@Tag(name = "Kernel", description = "The session's Python kernel, like a notebook kernel")
public class KernelController {

    private final SessionKernels kernels;

    public KernelController(SessionKernels kernels) {
        this.kernels = kernels;
    }

    public record RunRequest(String code) {
    }

    /** {@code outputs} are nbformat 4 output objects (stream, display_data, execute_result, error). */
    public record RunResponse(String status, int executionCount, boolean truncated, long elapsedMs, List<tools.jackson.databind.node.ObjectNode> outputs) {
    }

    @PostMapping("/run")
    @Operation(summary = "Run one cell in the session's kernel; variables persist between runs")
    public RunResponse run(SessionContext session, @RequestBody RunRequest body) {
        if (body.code() == null) {
            throw new BadRequest("code: is required");
        }
        RunResult result = kernels.run(session.sessionId(), body.code());
        return new RunResponse(result.status().name().toLowerCase(), result.executionCount(), result.truncated(),
                result.elapsed().toMillis(), result.outputs().stream().map(KernelOutput::toNbformat).toList());
    }

    @PostMapping("/restart")
    @Operation(summary = "Replace the session's kernel with a fresh one (datasets are loaded again)")
    public Map<String, String> restart(SessionContext session) {
        kernels.restart(session.sessionId());
        return Map.of("message", "Kernel restarted", "session_id", session.sessionId());
    }

    @GetMapping("/status")
    @Operation(summary = "Whether the session has a kernel, its pid, age, runs and memory")
    public KernelStatus status(SessionContext session) {
        return kernels.status(session.sessionId());
    }
}
