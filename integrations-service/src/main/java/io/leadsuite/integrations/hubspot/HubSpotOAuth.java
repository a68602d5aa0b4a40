package io.leadsuite.integrations.hubspot;

import io.leadsuite.integrations.provider.OAuthProvider;
import io.leadsuite.integrations.provider.ProviderException;
import io.leadsuite.integrations.provider.TokenGrant;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * HubSpot's OAuth 2.0 authorization server: the consent URL (with PKCE S256), the code exchange, the
 * refresh and the revocation, on the date-versioned token endpoints ({@code /oauth/2026-03/token}; v1
 * is announced to end in February 2027). Errors are read from both the RFC 6749 fields
 * ({@code error}) and HubSpot's legacy ones ({@code status}); {@code invalid_grant} or
 * {@code BAD_REFRESH_TOKEN} on a refresh means the grant is gone.
 */
@Component
class HubSpotOAuth implements OAuthProvider {

    static final String TYPE = "hubspot";
    private static final String TOKEN = "/oauth/2026-03/token";

    private final HubSpotProperties properties;
    private final WebClient http;
    private final Clock clock;

    HubSpotOAuth(HubSpotProperties properties, WebClient.Builder builder, Clock clock) {
        this.properties = properties;
        this.http = builder.clone().baseUrl(properties.apiBaseUrl().toString()).build();
        this.clock = clock;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public URI authorizeUrl(String state, String codeChallenge, URI redirectUri) {
        return UriComponentsBuilder.fromUri(properties.authorizeUrl())
                .queryParam("client_id", properties.clientId())
                .queryParam("redirect_uri", redirectUri.toString())
                .queryParam("scope", String.join(" ", properties.scopes()))
                .queryParam("state", state)
                .queryParam("code_challenge", codeChallenge)
                .queryParam("code_challenge_method", "S256")
                .encode()
                .build()
                .toUri();
    }

    @Override
    public Mono<TokenGrant> exchange(String code, String codeVerifier, URI redirectUri) {
        MultiValueMap<String, String> form = client();
        form.add("grant_type", "authorization_code");
        form.add("code", code);
        form.add("code_verifier", codeVerifier);
        form.add("redirect_uri", redirectUri.toString());
        return token(form, false);
    }

    @Override
    public Mono<TokenGrant> refresh(String refreshToken, String accountId) {
        MultiValueMap<String, String> form = client();
        form.add("grant_type", "refresh_token");
        form.add("refresh_token", refreshToken);
        return token(form, true);
    }

    @Override
    public Mono<Void> revoke(String refreshToken) {
        MultiValueMap<String, String> form = client();
        form.add("token", refreshToken);
        form.add("token_type_hint", "refresh_token");
        return http.post()
                .uri(TOKEN + "/revoke")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form))
                .exchangeToMono(response -> {
                    if (response.statusCode().is2xxSuccessful()) {
                        return response.releaseBody();
                    }
                    return response.bodyToMono(JsonNode.class)
                            .defaultIfEmpty(MissingNode.getInstance())
                            .flatMap(body -> Mono.error(failure(response.statusCode(), body, false)));
                })
                .timeout(properties.timeout())
                .onErrorMap(HubSpotOAuth::unreachable)
                .then();
    }

    @Override
    public Duration refreshAhead() {
        return properties.refreshAhead();
    }

    private MultiValueMap<String, String> client() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("client_id", properties.clientId());
        form.add("client_secret", properties.clientSecret());
        return form;
    }

    private Mono<TokenGrant> token(MultiValueMap<String, String> form, boolean refreshing) {
        return http.post()
                .uri(TOKEN)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .accept(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromFormData(form))
                .exchangeToMono(response -> read(response, refreshing))
                .timeout(properties.timeout())
                .onErrorMap(HubSpotOAuth::unreachable);
    }

    private Mono<TokenGrant> read(ClientResponse response, boolean refreshing) {
        return response.bodyToMono(JsonNode.class)
                .defaultIfEmpty(MissingNode.getInstance())
                .flatMap(body -> {
                    if (!response.statusCode().is2xxSuccessful()) {
                        return Mono.error(failure(response.statusCode(), body, refreshing));
                    }
                    String accessToken = body.path("access_token").asString("");
                    long expiresIn = body.path("expires_in").asLong(0);
                    if (accessToken.isEmpty()
                            || expiresIn <= 0
                            || body.path("hub_id").isMissingNode()) {
                        return Mono.error(new ProviderException.Unavailable(
                                "HubSpot's token endpoint answered without access_token, expires_in or hub_id"));
                    }
                    List<String> scopes = new ArrayList<>();
                    body.path("scopes").forEach(scope -> scopes.add(scope.asString("")));
                    String refreshToken = body.path("refresh_token").asString("");
                    return Mono.just(new TokenGrant(
                            accessToken,
                            refreshToken.isEmpty() ? null : refreshToken,
                            clock.instant().plusSeconds(expiresIn),
                            body.path("hub_id").asString(),
                            scopes));
                });
    }

    /** The provider's refusal, named by its error codes only (its message could quote a token). */
    private static ProviderException failure(HttpStatusCode status, JsonNode body, boolean refreshing) {
        String error = body.path("error").asString("");
        String legacy = body.path("status").asString("");
        String named = "HubSpot answered " + status.value() + (error.isEmpty() ? "" : " " + error)
                + (legacy.isEmpty() ? "" : " (" + legacy + ")");
        if (status.is5xxServerError() || status.value() == 429) {
            return new ProviderException.Unavailable(named);
        }
        if (refreshing && ("invalid_grant".equals(error) || "BAD_REFRESH_TOKEN".equals(legacy))) {
            return new ProviderException.GrantRevoked(named);
        }
        return new ProviderException.Refused(named);
    }

    private static Throwable unreachable(Throwable error) {
        if (error instanceof WebClientRequestException || error instanceof TimeoutException) {
            return new ProviderException.Unavailable(
                    "HubSpot did not answer: " + error.getClass().getSimpleName());
        }
        return error;
    }
}
