package io.leadsuite.integrations.oauth;

import io.leadsuite.common.security.Tenant;
import io.leadsuite.integrations.config.IntegrationsProperties;
import io.leadsuite.integrations.connection.Connections;
import io.leadsuite.integrations.provider.OAuthProvider;
import io.leadsuite.integrations.provider.ProviderException;
import io.leadsuite.integrations.provider.Providers;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Connecting a provider: {@link #start} stores a flow and answers the consent URL; the provider sends
 * the browser back to {@link #callback}, which is authenticated by the flow's single-use state alone
 * (the browser carries no session token there), exchanges the code server-side with the PKCE verifier,
 * stores the encrypted grant, and returns the browser to the frontend with the outcome. Nothing is
 * stored for an unknown, expired, reused or foreign state, or a refused consent.
 */
@Component
public class ConnectFlow {

    private static final Logger log = LoggerFactory.getLogger(ConnectFlow.class);

    private final Providers providers;
    private final OAuthStates states;
    private final Connections connections;
    private final IntegrationsProperties properties;

    ConnectFlow(Providers providers, OAuthStates states, Connections connections, IntegrationsProperties properties) {
        this.providers = providers;
        this.states = states;
        this.connections = connections;
        this.properties = properties;
    }

    /** The provider's consent page for the caller, after {@code returnTo} passed its check. */
    public Mono<URI> start(Tenant tenant, String type, @Nullable String returnTo) {
        OAuthProvider provider = providers.get(type);
        URI back = ReturnTo.validate(returnTo, properties.frontendOrigins());
        return states.start(tenant, type, back)
                .map(started ->
                        provider.authorizeUrl(started.state(), started.codeChallenge(), properties.callbackUrl(type)));
    }

    /** Where to send the browser back to, with {@code integration}, {@code status} and, on failure, {@code reason}. */
    public Mono<URI> callback(String type, Map<String, String> params) {
        OAuthProvider provider = providers.get(type);
        String state = params.get("state");
        if (state == null || state.isBlank()) {
            return Mono.just(outcome(ReturnTo.fallback(properties.frontendOrigins()), type, "invalid_state"));
        }
        return states.consume(state)
                .flatMap(flow -> {
                    URI back = URI.create(flow.flow().returnTo());
                    if (flow.expired()) {
                        return Mono.just(outcome(back, type, "expired_state"));
                    }
                    if (!flow.flow().type().equals(type)) {
                        return Mono.just(outcome(back, type, "invalid_state"));
                    }
                    String error = params.get("error");
                    if (error != null) {
                        return Mono.just(outcome(
                                back, type, "access_denied".equals(error) ? "access_denied" : "provider_error"));
                    }
                    String code = params.get("code");
                    if (code == null || code.isBlank()) {
                        return Mono.just(outcome(back, type, "missing_code"));
                    }
                    return provider.exchange(code, flow.codeVerifier(), properties.callbackUrl(type))
                            .flatMap(grant -> connections.connect(
                                    flow.flow().userId(), flow.flow().workspaceId(), type, grant))
                            .map(stored -> {
                                log.info(
                                        "User {} connected {} account {}",
                                        stored.userId(),
                                        type,
                                        stored.credentials().accountId());
                                return outcome(back, type, null);
                            })
                            .onErrorResume(ProviderException.class, failed -> {
                                log.warn("The {} code exchange failed: {}", type, failed.getMessage());
                                return Mono.just(outcome(back, type, "exchange_failed"));
                            });
                })
                .defaultIfEmpty(outcome(ReturnTo.fallback(properties.frontendOrigins()), type, "invalid_state"));
    }

    private static URI outcome(URI back, String type, @Nullable String reason) {
        String base = back.toString();
        StringBuilder location = new StringBuilder(base)
                .append(base.contains("?") ? '&' : '?')
                .append("integration=")
                .append(encode(type))
                .append("&status=")
                .append(reason == null ? "connected" : "error");
        if (reason != null) {
            location.append("&reason=").append(encode(reason));
        }
        return URI.create(location.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
