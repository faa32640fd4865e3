package io.autoanalyst.template;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;

/** One default template as written in {@code resources/agents/*.yaml}. */
public record TemplateSeed(String templateName, String displayName, String description, String promptTemplate,
                           String category, String variantType, String baseAgent, boolean premiumOnly, boolean active) {

    private static final Set<String> VARIANTS = Set.of("individual", "planner", "both");

    public TemplateSeed {
        Objects.requireNonNull(templateName, "template_name");
        Objects.requireNonNull(description, "description of " + templateName);
        Objects.requireNonNull(promptTemplate, "prompt_template of " + templateName);
        if (!VARIANTS.contains(variantType)) {
            throw new IllegalArgumentException("variant_type of " + templateName + " must be one of " + VARIANTS);
        }
    }

    /** Fingerprint of everything an admin could edit; tells a seeded row from an edited one. */
    public String contentHash() {
        return hash(displayName, description, promptTemplate, category, variantType, baseAgent,
                String.valueOf(premiumOnly), String.valueOf(active));
    }

    static String hash(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
