package io.leadsuite.integrations.oauth;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A connect flow in progress, in {@code oauth_states}: keyed by the SHA-256 of its {@code state} (the
 * state itself is stored nowhere), bound to the user who started it, with its PKCE verifier encrypted.
 * Consumed (removed) by the first callback that presents it; expired ones are purged.
 */
@Document(OAuthState.COLLECTION)
record OAuthState(
        @Id String id,
        String userId,
        @Nullable String workspaceId,
        String type,
        String sealedVerifier,
        int keyId,
        String returnTo,
        Instant createdAt,
        Instant expiresAt) {

    static final String COLLECTION = "oauth_states";
}
