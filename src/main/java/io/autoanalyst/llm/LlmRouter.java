package io.autoanalyst.llm;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * "The model" as agents see it: resolves the requested model (or the server's default) and hands the call to
 * the offline analyst or to the provider client.
 */
public class LlmRouter implements LlmClient {

    private final ModelCatalog catalog;
    private final ProviderLlmClient providers;
    private final OfflineLlmClient offline;

    public LlmRouter(ModelCatalog catalog, ProviderLlmClient providers, OfflineLlmClient offline) {
        this.catalog = requireNonNull(catalog, "catalog");
        this.providers = requireNonNull(providers, "providers");
        this.offline = requireNonNull(offline, "offline");
    }

    @Override
    public SignatureOutput complete(Signature signature, Map<String, String> inputs, CallContext context,
                                    CallOptions options) {
        requireNonNull(options, "options");
        ModelSpec model = catalog.resolve(options.model());
        CallOptions resolved = options.withModel(model.id());
        return model.provider() == Provider.OFFLINE
                ? offline.complete(signature, inputs, context, resolved)
                : providers.complete(signature, inputs, context, resolved);
    }
}
