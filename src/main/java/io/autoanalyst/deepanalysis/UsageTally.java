package io.autoanalyst.deepanalysis;

import io.autoanalyst.llm.CallContext;
import io.autoanalyst.llm.CallOptions;
import io.autoanalyst.llm.LlmClient;
import io.autoanalyst.llm.ModelRegistry;
import io.autoanalyst.llm.Signature;
import io.autoanalyst.llm.SignatureOutput;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model, counting one run's tokens and cost for its report row. The usage rows themselves are written by the
 * client it wraps, as for every call; this only adds up what the successful calls report.
 */
final class UsageTally implements LlmClient {

    private final LlmClient delegate;
    private final ModelRegistry registry;
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicReference<BigDecimal> cost = new AtomicReference<>(BigDecimal.ZERO);
    private final AtomicReference<String> model = new AtomicReference<>();

    UsageTally(LlmClient delegate, ModelRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
    }

    @Override
    public SignatureOutput complete(Signature signature, Map<String, String> inputs, CallContext context, CallOptions options) {
        SignatureOutput output = delegate.complete(signature, inputs, context, options);
        tokens.addAndGet(output.tokens().total());
        BigDecimal callCost = registry.cost(output.model(), output.tokens().prompt(), output.tokens().completion());
        cost.accumulateAndGet(callCost, BigDecimal::add);
        model.compareAndSet(null, output.model());
        return output;
    }

    long tokens() {
        return tokens.get();
    }

    BigDecimal cost() {
        return cost.get();
    }

    /** The model that answered the first call, or null before any. */
    String model() {
        return model.get();
    }
}
