package io.leadsuite.common.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How every service verifies the caller's session token.
 *
 * <p>Production points these at Clerk (the instance's JWKS URL and Frontend API issuer). The defaults
 * point at the local issuer that the local stack and the test kit start.
 *
 * @param jwksUri where the RS256 signing keys are published (JSON Web Key Set)
 * @param issuer the exact {@code iss} claim a token must carry
 * @param authorizedParties allowed values of the {@code azp} claim (the frontend origins); empty
 *     disables the check
 * @param clockSkew tolerance applied to {@code exp} and {@code nbf}
 * @param publicPaths paths that need no token (health, metrics, API documents)
 * @param selfAuthenticatedPaths API paths that a browser reaches without a session token and whose
 *     handler authenticates the call itself (an OAuth callback, by its single-use {@code state})
 * @param internalToken the shared secret that service-to-service calls to {@code /internal/**} present
 *     in {@code X-Internal-Token}; without it, {@code /internal/**} is closed. The gateway routes no
 *     internal path, so only callers inside the cluster can reach them.
 * @param internalApi whether this deployable serves {@code /internal/**} at all; the gateway does not, and
 *     answers 404 there like on any other path it does not route
 */
@ConfigurationProperties("leadsuite.security")
public record SecurityProperties(
        @DefaultValue("http://localhost:8090/.well-known/jwks.json")
        URI jwksUri,

        @DefaultValue("http://localhost:8090") String issuer,
        @DefaultValue List<String> authorizedParties,
        @DefaultValue("30s") Duration clockSkew,

        @DefaultValue({
            "/actuator/health",
            "/actuator/health/**",
            "/actuator/info",
            "/actuator/prometheus",
            "/v3/api-docs",
            "/v3/api-docs/**",
            "/swagger-ui.html",
            "/swagger-ui/**",
            "/webjars/**"
        })
        List<String> publicPaths,

        @DefaultValue List<String> selfAuthenticatedPaths,

        @Nullable String internalToken,
        @DefaultValue("true") boolean internalApi) {}
