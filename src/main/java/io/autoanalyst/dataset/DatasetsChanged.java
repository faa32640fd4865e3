package io.autoanalyst.dataset;

/** A session's datasets were replaced, added or removed: its kernel holds stale DataFrames. */
public record DatasetsChanged(String sessionId) {
}
