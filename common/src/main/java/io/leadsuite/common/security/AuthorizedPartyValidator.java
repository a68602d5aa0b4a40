package io.leadsuite.common.security;

import java.util.Set;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Accepts a token only when its {@code azp} claim is one of the configured frontend origins, as Clerk
 * recommends to stop tokens minted for another application being replayed here.
 */
final class AuthorizedPartyValidator implements OAuth2TokenValidator<Jwt> {

    private final Set<String> authorizedParties;

    AuthorizedPartyValidator(Set<String> authorizedParties) {
        this.authorizedParties = Set.copyOf(authorizedParties);
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String azp = token.getClaimAsString("azp");
        if (azp != null && authorizedParties.contains(azp)) {
            return OAuth2TokenValidatorResult.success();
        }
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(
                OAuth2ErrorCodes.INVALID_TOKEN, "The token's authorized party (azp) is not allowed", null));
    }
}
