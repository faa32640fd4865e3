package io.autoanalyst.web;

import java.io.IOException;
import java.io.OutputStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON object per line, each written and flushed whole. The original's frontend parses every
 * network chunk on its own and loses a line split across two chunks, so a line is written with a
 * single write call and never interleaved with another thread's line.
 */
public final class NdjsonStream {

    public static final String CONTENT_TYPE = "application/x-ndjson";

    private final OutputStream out;
    private final JsonMapper json;
    private final ServerPaths paths;
    private boolean clientGone;

    public NdjsonStream(OutputStream out, JsonMapper json) {
        this(out, json, null);
    }

    /** A stream whose lines have the server's data and kernel paths taken out (error messages and outputs can quote them). */
    public NdjsonStream(OutputStream out, JsonMapper json, ServerPaths paths) {
        this.out = out;
        this.json = json;
        this.paths = paths;
    }

    /** Writes one line; returns false once the client has gone away (later lines are dropped). */
    public synchronized boolean send(Object line) {
        if (clientGone) return false;
        byte[] body = json.writeValueAsBytes(line);
        if (paths != null) {
            String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
            String scrubbed = paths.scrubStoragePaths(text);
            if (!scrubbed.equals(text)) body = scrubbed.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        byte[] framed = new byte[body.length + 1];
        System.arraycopy(body, 0, framed, 0, body.length);
        framed[body.length] = '\n';
        try {
            out.write(framed);
            out.flush();
            return true;
        } catch (IOException e) {
            clientGone = true;
            return false;
        }
    }

    public synchronized boolean clientGone() {
        return clientGone;
    }
}
