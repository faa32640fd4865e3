package io.autoanalyst.llm;

/** Token counts exactly as a provider reported them (zero where it reported nothing). */
public record TokenCounts(int prompt, int completion, int total) {
    public static final TokenCounts NONE = new TokenCounts(0, 0, 0);

    public TokenCounts {
        if (prompt < 0 || completion < 0 || total < 0) {
            throw new IllegalArgumentException("token counts cannot be negative");
        }
    }
}
