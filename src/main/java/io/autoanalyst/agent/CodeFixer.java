package io.autoanalyst.agent;

import io.autoanalyst.llm.LlmClient;
import io.autoanalyst.llm.Signature;
import io.autoanalyst.llm.Signature.Field;
import io.autoanalyst.llm.SignatureOutput;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Asks the model for a minimal repair of code that failed, given the error. */
@Component
public class CodeFixer {

    static final Signature SIGNATURE = new Signature("code_fix", """
            You repair Python data-analysis code that raised an error. Change as little as possible: keep what the
            code is meant to do, its variable names and its '# <agent> code start' / '# <agent> code end' markers.
            Use only columns and variables that exist in the dataset description. Never invent data. Return the
            whole corrected code, not a diff, and no explanation inside the code field.
            """,
            List.of(Field.text("dataset_context", "The loaded datasets: exact variable names, columns and types."),
                    Field.code("faulty_code", "The code that failed."),
                    Field.text("error", "The error it raised, with the failing block and line.")),
            List.of(Field.code("fixed_code", "The complete corrected code.")));

    private final LlmClient llm;

    public CodeFixer(LlmClient llm) {
        this.llm = llm;
    }

    public String fix(String code, String error, TurnContext turn) {
        SignatureOutput output = llm.complete(SIGNATURE, Map.of("dataset_context", turn.dataset(), "faulty_code", code, "error", error),
                turn.call().withAgentName("code_fix"), turn.options());
        return AgentMarkdown.stripFences(output.text("fixed_code"));
    }
}
