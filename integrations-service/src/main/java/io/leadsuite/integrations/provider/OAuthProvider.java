package io.leadsuite.integrations.provider;

import java.net.URI;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * What the connect flow and token refresh need of a provider's OAuth 2.0 authorization server. One
 * implementation per provider; everything else (state, PKCE verifier, encryption, the refresh lease)
 * is the platform's.
 */
public interface OAuthProvider {

    /** The integration type it connects: {@code hubspot}, {@code salesforce}, {@code google_sheets}. */
    String type();

    /** The consent page to send the browser to, with PKCE S256. */
    URI authorizeUrl(String state, String codeChallenge, URI redirectUri);

    /** Exchanges the callback's code, server-side. */
    Mono<TokenGrant> exchange(String code, String codeVerifier, URI redirectUri);

    /** A new access token; fails with {@link ProviderException.GrantRevoked} when the grant is gone. */
    Mono<TokenGrant> refresh(String refreshToken, String accountId);

    /** Revokes the grant at the provider (disconnect). */
    Mono<Void> revoke(String refreshToken);

    /** How long before its expiry an access token is replaced. */
    Duration refreshAhead();
}
