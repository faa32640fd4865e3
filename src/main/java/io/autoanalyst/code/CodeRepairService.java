package io.autoanalyst.code;

import io.autoanalyst.agent.AgentMarkdown;
import io.autoanalyst.agent.AgentSettings;
import io.autoanalyst.agent.CodeFixer;
import io.autoanalyst.agent.TurnContext;
import io.autoanalyst.agent.TurnDatasets;
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
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The original's model-backed code routes: edit code as the user asks, and repair failing code. A
 * fix candidate is checked by running it in a scratch kernel of the session (its datasets, none of
 * its other state), never in the server; the first candidate that runs is returned.
 */
@Service
public class CodeRepairService {

    static final Signature EDIT = new Signature("code_edit", """
            Edit Python data-analysis code as the user asks, and change nothing else. Keep variable names and any
            '# <agent> code start' / '# <agent> code end' markers. Use only columns and variables that exist in the
            dataset description. Return the whole edited code.
            """,
            List.of(Field.text("dataset_context", "The loaded datasets: exact variable names, columns and types."),
                    Field.code("original_code", "The code to edit."),
                    Field.text("user_prompt", "What the user wants changed.")),
            List.of(Field.code("edited_code", "The complete edited code.")));

    /** The edited code, or the original code and why the model could not edit it. */
    public record Edit(String editedCode, String error) {
    }

    /** The first candidate that ran, or the last one tried (or the original code) and why none did. */
    public record Fix(String fixedCode, String error) {
    }

    private final LlmClient llm;
    private final CodeFixer fixer;
    private final SessionKernels kernels;
    private final ModelSettingsService models;
    private final TurnDatasets datasets;
    private final int attempts;

    public CodeRepairService(LlmClient llm, CodeFixer fixer, SessionKernels kernels, ModelSettingsService models,
                             TurnDatasets datasets, AgentSettings settings) {
        this.llm = llm;
        this.fixer = fixer;
        this.kernels = kernels;
        this.models = models;
        this.datasets = datasets;
        this.attempts = settings.fixCandidates();
    }

    public Edit edit(SessionContext session, String originalCode, String userPrompt) {
        TurnContext turn = turn(session, userPrompt, "code_edit");
        try {
            String edited = llm.complete(EDIT, Map.of("dataset_context", turn.dataset(), "original_code", originalCode,
                    "user_prompt", userPrompt), turn.call(), turn.options()).text("edited_code");
            return new Edit("\n" + AgentMarkdown.stripFences(edited) + "\n", null);
        } catch (LlmException e) {
            return new Edit(originalCode, e.getMessage());
        }
    }

    public Fix fix(SessionContext session, String code, String error) {
        TurnContext turn = turn(session, "Fix the code", "code_fix");
        String scratch = SessionKernels.scratchKey(session.sessionId());
        String lastCandidate = null;
        try {
            for (int attempt = 1; attempt <= attempts; attempt++) {
                String candidate = fixer.fix(lastCandidate == null ? code : lastCandidate, error, turn);
                kernels.restart(scratch);
                RunResult run = kernels.run(scratch, candidate);
                if (run.success()) {
                    return new Fix(candidate, null);
                }
                lastCandidate = candidate;
                error = run.error().map(e -> e.ename() + ": " + e.evalue()).orElse(run.status().name());
            }
            return new Fix(lastCandidate,
                    "No candidate ran without errors after " + attempts + " attempts; the last one failed with: " + clip(error));
        } catch (LlmException e) {
            return new Fix(code, clip(e.getMessage()));
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

    private static String clip(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
