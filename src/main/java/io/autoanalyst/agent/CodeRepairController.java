package io.autoanalyst.agent;

import io.autoanalyst.llm.CallContext;
import io.autoanalyst.llm.CallOptions;
import io.autoanalyst.llm.LlmClient;
import io.autoanalyst.llm.LlmException;
import io.autoanalyst.llm.Signature;
import io.autoanalyst.llm.Signature.Field;
import io.autoanalyst.runtime.RunResult;
import io.autoanalyst.runtime.SessionKernels;
import io.autoanalyst.session.ModelSettings;
import io.autoanalyst.session.ModelSettingsService;
import io.autoanalyst.session.SessionContext;
import io.autoanalyst.web.BadRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original's model-backed code routes. A fix candidate is checked by running it in a scratch
 * kernel of the session (its datasets, none of its other state), never in the server; the first
 * candidate that runs is returned.
 */
@RestController
@RequestMapping("/code")
@Tag(name = "Code")
public class CodeRepairController {

    static final Signature EDIT = new Signature("code_edit", """
            Edit Python data-analysis code as the user asks, and change nothing else. Keep variable names and any
            '# <agent> code start' / '# <agent> code end' markers. Use only columns and variables that exist in the
            dataset description. Return the whole edited code.
            """,
            List.of(Field.text("dataset_context", "The loaded datasets: exact variable names, columns and types."),
                    Field.code("original_code", "The code to edit."),
                    Field.text("user_prompt", "What the user wants changed.")),
            List.of(Field.code("edited_code", "The complete edited code.")));

    private final LlmClient llm;
    private final CodeFixer fixer;
    private final SessionKernels kernels;
    private final ModelSettingsService models;
    private final TurnDatasets datasets;
    private final int attempts;

    public CodeRepairController(LlmClient llm, CodeFixer fixer, SessionKernels kernels, ModelSettingsService models,
                                TurnDatasets datasets, @Value("${autoanalyst.agents.fix-candidates:3}") int attempts) {
        this.llm = llm;
        this.fixer = fixer;
        this.kernels = kernels;
        this.models = models;
        this.datasets = datasets;
        this.attempts = Math.max(1, attempts);
    }

    public record EditRequest(String originalCode, String userPrompt) {
    }

    public record FixRequest(String code, String error) {
    }

    @PostMapping("/edit")
    @Operation(summary = "Edit code as instructed, with the session's model")
    public Map<String, String> edit(SessionContext session, @RequestBody EditRequest body) {
        if (blank(body.originalCode()) || blank(body.userPrompt())) {
            throw new BadRequest("Both original code and editing instructions are required");
        }
        TurnContext turn = turn(session, body.userPrompt(), "code_edit");
        try {
            String edited = llm.complete(EDIT, Map.of("dataset_context", turn.dataset(), "original_code", body.originalCode(),
                    "user_prompt", body.userPrompt()), turn.call(), turn.options()).text("edited_code");
            return Map.of("edited_code", "\n" + AgentMarkdown.stripFences(edited) + "\n");
        } catch (LlmException e) {
            return Map.of("edited_code", body.originalCode(), "error", e.getMessage());
        }
    }

    @PostMapping("/fix")
    @Operation(summary = "Repair failing code with the session's model; each candidate is verified in a scratch kernel")
    public Map<String, String> fix(SessionContext session, @RequestBody FixRequest body) {
        if (blank(body.code()) || blank(body.error())) {
            throw new BadRequest("Both code and error message are required");
        }
        TurnContext turn = turn(session, "Fix the code", "code_fix");
        String scratch = SessionKernels.scratchKey(session.sessionId());
        String error = body.error();
        String lastCandidate = null;
        try {
            for (int attempt = 1; attempt <= attempts; attempt++) {
                String candidate = fixer.fix(lastCandidate == null ? body.code() : lastCandidate, error, turn);
                kernels.restart(scratch);
                RunResult run = kernels.run(scratch, candidate);
                if (run.success()) {
                    return Map.of("fixed_code", candidate);
                }
                lastCandidate = candidate;
                error = run.error().map(e -> e.ename() + ": " + e.evalue()).orElse(run.status().name());
            }
            Map<String, String> failed = new LinkedHashMap<>();
            failed.put("fixed_code", lastCandidate);
            failed.put("error", "No candidate ran without errors after " + attempts + " attempts; the last one failed with: " + clip(error));
            return failed;
        } catch (LlmException e) {
            return Map.of("fixed_code", body.code(), "error", clip(e.getMessage()));
        } finally {
            kernels.shutdown(scratch);
        }
    }

    private TurnContext turn(SessionContext session, String goal, String agent) {
        ModelSettings model = models.current(session);
        String dataset = datasets.describe(session.sessionId()).orElse("{}");
        return new TurnContext(goal, dataset, new CallContext(session.userId(), null, session.sessionId(), agent, model.apiKey()),
                CallOptions.model(model.model()).withGeneration(model.temperature(), model.maxTokens()));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
