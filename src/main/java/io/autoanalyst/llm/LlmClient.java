package io.autoanalyst.llm;

import java.util.Map;

/**
 * "The model", whichever it is: a provider reached over HTTP or the offline analyst. Callers describe the
 * task as a {@link Signature}, pass the input fields and get the parsed output fields back. Every call,
 * successful or not, leaves one usage row per model response (see {@link UsageRecorder}).
 */
public interface LlmClient {

    /**
     * @throws LlmException (one of its subtypes) with a message a user can act on
     */
    SignatureOutput complete(Signature signature, Map<String, String> inputs, CallContext context, CallOptions options);

    default SignatureOutput complete(Signature signature, Map<String, String> inputs, CallContext context) {
        return complete(signature, inputs, context, CallOptions.defaults());
    }
}
