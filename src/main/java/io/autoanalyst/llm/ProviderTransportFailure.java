package io.autoanalyst.llm;

/** Why a provider request got no HTTP answer at all. Raised by {@link ProviderHttpClient}, never past this package. */
final class ProviderTransportFailure extends RuntimeException {

    enum Kind { TIMEOUT, CANCELLED, UNREACHABLE }

    private final Kind kind;

    ProviderTransportFailure(Kind kind, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}
