package io.autoanalyst.runtime;

import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** How a request to a kernel ended. */
sealed interface KernelReply {

    /** The kernel answered. */
    record Answered(JsonNode message) implements KernelReply {}

    /** No answer within the limit; the kernel has been killed. */
    record TimedOut(Duration limit) implements KernelReply {}

    /** The kernel process ended (crash, limit, {@code os._exit}) or broke the protocol. */
    record Died(String description) implements KernelReply {}
}
