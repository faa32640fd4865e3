package io.autoanalyst.agent;

import io.autoanalyst.runtime.QueueListener;
import io.autoanalyst.script.ScriptResult;
import io.autoanalyst.session.SessionContext;

/**
 * Where a chat turn's combined code runs: the session's kernel, recorded as a code execution
 * ({@code code/CodeService} implements it). An interface so that {@code code}, whose routes use the
 * agents' code fixer, can depend on {@code agent} without {@code agent} depending back on it.
 */
public interface TurnCodeRunner {

    /** Runs {@code script} in the session's kernel, telling {@code queue} where it waits for a kernel. */
    ScriptResult run(SessionContext session, String script, QueueListener queue);
}
