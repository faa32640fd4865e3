package io.autoanalyst.code;

import io.autoanalyst.agent.TurnCodeRunner;
import io.autoanalyst.db.Ownership;
import io.autoanalyst.runtime.QueueListener;
import io.autoanalyst.script.MarkerScriptRunner;
import io.autoanalyst.script.ScriptResult;
import io.autoanalyst.session.ModelSettings;
import io.autoanalyst.session.ModelSettingsService;
import io.autoanalyst.session.SessionContext;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** Runs a marker-delimited script in the session's kernel and keeps the record of it. */
@Service
public class CodeService implements TurnCodeRunner {

    private final MarkerScriptRunner runner;
    private final CodeExecutionRepository executions;
    private final ModelSettingsService models;
    private final Ownership ownership;
    private final Clock clock;
    private final JsonMapper json;

    public CodeService(MarkerScriptRunner runner, CodeExecutionRepository executions, ModelSettingsService models,
                       Ownership ownership, Clock clock, JsonMapper json) {
        this.json = json;
        this.runner = runner;
        this.ownership = ownership;
        this.executions = executions;
        this.models = models;
        this.clock = clock;
    }

    /**
     * @param messageId the message the code belongs to; an id that is not one of the caller's
     *                  messages (the original's frontend sends list positions for unsaved chats)
     *                  is not linked, and the code still runs; none: the session's current message
     */
    public ScriptResult execute(SessionContext session, String code, Long messageId) {
        return execute(session, code, messageId, QueueListener.NONE);
    }

    /** As {@link #execute(SessionContext, String, Long)}, telling {@code queue} where the code waits for a kernel. */
    public ScriptResult execute(SessionContext session, String code, Long messageId, QueueListener queue) {
        ScriptResult result = runner.execute(session.sessionId(), code, queue);
        if (messageId == null) {
            messageId = session.session().currentMessageId(); // set by /set-message-info, as in the original
        }
        Long linkedMessage = null;
        Long chat = null;
        if (messageId != null) {
            Optional<Long> owned = ownership.chatOfMessage(session.userId(), messageId);
            if (owned.isPresent()) {
                linkedMessage = messageId;
                chat = owned.get();
            }
        }
        ModelSettings model = models.current(session);
        executions.record(new CodeExecutionRepository.Run(linkedMessage, chat, session.userId(), session.sessionId(), code,
                result.successful(), result.output(),
                result.failedAgents().isEmpty() ? null : json.writeValueAsString(result.failedAgents()),
                result.errorMessages().isEmpty() ? null : json.writeValueAsString(result.errorMessages()),
                model.provider(), model.model(), model.temperature(), model.maxTokens()), clock.instant());
        return result;
    }

    /** A chat turn's code: linked to the session's current message, as the original did. */
    @Override
    public ScriptResult run(SessionContext session, String script, QueueListener queue) {
        return execute(session, script, null, queue);
    }
}
