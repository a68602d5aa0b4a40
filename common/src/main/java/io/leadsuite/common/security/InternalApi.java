package io.leadsuite.common.security;

/**
 * The service-to-service API: paths under {@link #PATHS} admit only calls that carry the shared secret
 * in {@link #TOKEN_HEADER}; the gateway never routes them and never forwards the header.
 */
public final class InternalApi {

    /** The header that carries the shared secret ({@code leadsuite.security.internal-token}). */
    public static final String TOKEN_HEADER = "X-Internal-Token";

    /** The paths of the internal API. */
    public static final String PATHS = "/internal/**";

    private InternalApi() {}
}
