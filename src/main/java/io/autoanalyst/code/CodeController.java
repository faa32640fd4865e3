package io.autoanalyst.code;

import io.autoanalyst.script.ScriptResult;
import io.autoanalyst.session.SessionContext;
import io.autoanalyst.web.BadRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The original's {@code /code} routes: run code in the session's kernel, its latest version, import
 * clean-up, and the model-backed edit and fix ({@link CodeRepairService}).
 */
@RestController
@RequestMapping("/code")
@Tag(name = "Code", description = "Run agent code in the session's sandboxed Python kernel")
public class CodeController {

    private final CodeService code;
    private final CodeRepairService repair;
    private final CodeExecutionRepository executions;
    private final JsonMapper json;

    public CodeController(CodeService code, CodeRepairService repair, CodeExecutionRepository executions, JsonMapper json) {
        this.json = json;
        this.code = code;
        this.repair = repair;
        this.executions = executions;
    }

    /** {@code session_id} in the body is accepted for compatibility; the header decides. */
    public record ExecuteRequest(String code, String sessionId, Long messageId) {
    }

    public record ExecuteResponse(String output, List<String> plotlyOutputs, List<String> matplotlibOutputs, boolean isSuccessful,
                                  String failedAgents, Map<String, String> errorMessages) {
    }

    public record MessageRequest(Long messageId) {
    }

    public record CodeRequest(String code) {
    }

    public record EditRequest(String originalCode, String userPrompt) {
    }

    public record FixRequest(String code, String error) {
    }

    @PostMapping("/execute")
    @Operation(summary = "Run a script of '# <agent> code start/end' blocks in the session's kernel, in order, in one namespace")
    public ExecuteResponse execute(SessionContext session, @RequestBody ExecuteRequest body) {
        if (body.code() == null || body.code().isBlank()) {
            throw new BadRequest("No code provided");
        }
        ScriptResult result = code.execute(session, body.code(), body.messageId());
        return new ExecuteResponse(result.output(),
                result.plotlyOutputs().isEmpty() ? null : result.plotlyOutputs(),
                result.matplotlibOutputs().isEmpty() ? null : result.matplotlibOutputs(),
                result.successful(),
                result.failedAgents().isEmpty() ? null : json.writeValueAsString(result.failedAgents()),
                result.errorMessages());
    }

    @PostMapping("/get-latest-code")
    @Operation(summary = "The most recent code run for one of the caller's messages")
    public Map<String, Object> latest(SessionContext session, @RequestBody MessageRequest body) {
        if (body.messageId() == null) {
            throw new BadRequest("message_id: is required");
        }
        Map<String, Object> response = new LinkedHashMap<>();
        var latest = executions.latest(body.messageId(), session.userId());
        response.put("found", latest.isPresent());
        response.put("message_id", body.messageId());
        latest.ifPresent(l -> {
            response.put("latest_code", l.latestCode());
            response.put("initial_code", l.initialCode());
            response.put("is_successful", l.successful());
            response.put("failed_agents", l.failedAgents());
        });
        return response;
    }

    @PostMapping("/clean-code")
    @Operation(summary = "Move every top-level import to the top, once, sorted (no model involved)")
    public Map<String, String> clean(SessionContext session, @RequestBody CodeRequest body) {
        if (body.code() == null) {
            throw new BadRequest("code: is required");
        }
        return Map.of("cleaned_code", ImportHoister.clean(body.code()));
    }

    @PostMapping("/edit")
    @Operation(summary = "Edit code as instructed, with the session's model")
    public Map<String, String> edit(SessionContext session, @RequestBody EditRequest body) {
        if (blank(body.originalCode()) || blank(body.userPrompt())) {
            throw new BadRequest("Both original code and editing instructions are required");
        }
        CodeRepairService.Edit edit = repair.edit(session, body.originalCode(), body.userPrompt());
        return withError("edited_code", edit.editedCode(), edit.error());
    }

    @PostMapping("/fix")
    @Operation(summary = "Repair failing code with the session's model; each candidate is verified in a scratch kernel")
    public Map<String, String> fix(SessionContext session, @RequestBody FixRequest body) {
        if (blank(body.code()) || blank(body.error())) {
            throw new BadRequest("Both code and error message are required");
        }
        CodeRepairService.Fix fix = repair.fix(session, body.code(), body.error());
        return withError("fixed_code", fix.fixedCode(), fix.error());
    }

    private static Map<String, String> withError(String codeKey, String code, String error) {
        Map<String, String> response = new LinkedHashMap<>();
        response.put(codeKey, code);
        if (error != null) {
            response.put("error", error);
        }
        return response;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
