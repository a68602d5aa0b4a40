package io.leadsuite.integrations.provider;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a provider's token endpoint granted. {@link #toString} names no token, so a grant can never be
 * logged by accident.
 *
 * @param accessToken the bearer token of API calls
 * @param refreshToken the token that gets the next access token; null when the provider sent none (keep
 *     the previous one)
 * @param expiresAt when the access token stops working
 * @param accountId the provider account the grant is for (HubSpot's {@code hub_id})
 * @param scopes the scopes granted
 */
public record TokenGrant(
        String accessToken, @Nullable String refreshToken, Instant expiresAt, String accountId, List<String> scopes) {

    @Override
    public String toString() {
        return "TokenGrant[account=" + accountId + ", expiresAt=" + expiresAt + ", scopes=" + scopes + "]";
    }
}
