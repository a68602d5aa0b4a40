package io.leadsuite.simulators.hubspot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * HubSpot's OAuth 2.0 authorization server for one app installed in one portal: authorization codes
 * (single use, 5 minutes, bound to the redirect URI and the PKCE challenge), access tokens that expire,
 * refresh tokens that do not (HubSpot returns the same one on refresh), introspection and revocation.
 * Reusing a code revokes what it granted, as RFC 6749 asks.
 */
final class OAuthServer {

    static final List<String> GRANTABLE_SCOPES =
            List.of("oauth", "crm.objects.contacts.read", "crm.objects.contacts.write", "crm.objects.companies.read");

    private static final Duration CODE_LIFETIME = Duration.ofMinutes(5);

    private final Clock clock;
    private final String clientId;
    private final String clientSecret;
    private final long hubId;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Code> codes = new HashMap<>();
    private final Map<String, Grant> grants = new HashMap<>();
    private final Map<String, Access> accessTokens = new HashMap<>();
    final AtomicBoolean badRefreshToken = new AtomicBoolean();
    volatile Duration accessTokenLifetime;

    OAuthServer(Clock clock, String clientId, String clientSecret, long hubId, Duration accessTokenLifetime) {
        this.clock = clock;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.hubId = hubId;
        this.accessTokenLifetime = accessTokenLifetime;
    }

    private record Code(
            String redirectUri,
            List<String> scopes,
            @Nullable String challenge,
            Instant expiresAt,
            boolean used) {}

    private record Grant(
            List<String> scopes, boolean revoked, @Nullable String code) {}

    private record Access(String refreshToken, Instant expiresAt, List<String> scopes) {}

    /** The outcome of a token-endpoint call: the status and the JSON body. */
    record Answer(int status, Map<String, Object> body) {}

    /** A caller's access token, checked. */
    sealed interface Bearer {
        record Valid(long hubId, List<String> scopes) implements Bearer {}

        record Expired(long secondsAgo) implements Bearer {}

        record Unknown() implements Bearer {}
    }

    boolean knownClient(@Nullable String id) {
        return clientId.equals(id);
    }

    /** Issues a code for an approved consent. */
    synchronized String issueCode(String redirectUri, List<String> scopes, @Nullable String challenge) {
        String code = "na1-" + token(24);
        codes.put(code, new Code(redirectUri, scopes, challenge, clock.instant().plus(CODE_LIFETIME), false));
        return code;
    }

    synchronized Answer token(Map<String, String> form) {
        if (!clientId.equals(form.get("client_id")) || !clientSecret.equals(form.get("client_secret"))) {
            return new Answer(
                    400,
                    HubSpotErrors.token("invalid_client", "BAD_CLIENT_ID", "missing or unknown client credentials"));
        }
        String grantType = Objects.requireNonNullElse(form.get("grant_type"), "");
        return switch (grantType) {
            case "authorization_code" -> exchange(form);
            case "refresh_token" -> refresh(form.get("refresh_token"));
            default ->
                new Answer(
                        400,
                        HubSpotErrors.token(
                                "unsupported_grant_type",
                                "BAD_GRANT_TYPE",
                                "grant_type must be authorization_code or refresh_token"));
        };
    }

    synchronized Answer introspect(Map<String, String> form) {
        if (!clientId.equals(form.get("client_id")) || !clientSecret.equals(form.get("client_secret"))) {
            return new Answer(
                    400,
                    HubSpotErrors.token("invalid_client", "BAD_CLIENT_ID", "missing or unknown client credentials"));
        }
        String token = Objects.requireNonNullElse(form.get("token"), "");
        Map<String, Object> body = new LinkedHashMap<>();
        Access access = accessTokens.get(token);
        Grant grant = grants.get(token);
        if (access != null
                && clock.instant().isBefore(access.expiresAt())
                && !grants.get(access.refreshToken()).revoked()) {
            body.put("active", true);
            body.put("token_type", "access");
            body.put("client_id", clientId);
            body.put("hub_id", hubId);
            body.put("scopes", access.scopes());
            body.put("exp", access.expiresAt().getEpochSecond());
        } else if (grant != null && !grant.revoked()) {
            body.put("active", true);
            body.put("token_type", "refresh");
            body.put("client_id", clientId);
            body.put("hub_id", hubId);
            body.put("scopes", grant.scopes());
        } else {
            body.put("active", false);
        }
        return new Answer(200, body);
    }

    /** Revokes a refresh token; its access tokens keep working until they expire, as HubSpot's do. */
    synchronized Answer revoke(Map<String, String> form) {
        if (!clientId.equals(form.get("client_id")) || !clientSecret.equals(form.get("client_secret"))) {
            return new Answer(
                    400,
                    HubSpotErrors.token("invalid_client", "BAD_CLIENT_ID", "missing or unknown client credentials"));
        }
        Grant grant = grants.get(Objects.requireNonNullElse(form.get("token"), ""));
        if (grant == null) {
            return new Answer(
                    400,
                    HubSpotErrors.token("invalid_request", "BAD_REFRESH_TOKEN", "missing or unknown refresh token"));
        }
        grants.put(form.get("token"), new Grant(grant.scopes(), true, grant.code()));
        return new Answer(200, Map.of());
    }

    synchronized Bearer check(@Nullable String token) {
        Access access = token == null ? null : accessTokens.get(token);
        if (access == null) {
            return new Bearer.Unknown();
        }
        Instant now = clock.instant();
        if (!now.isBefore(access.expiresAt())) {
            return new Bearer.Expired(
                    Math.max(1, Duration.between(access.expiresAt(), now).toSeconds()));
        }
        return new Bearer.Valid(hubId, access.scopes());
    }

    /** Every token this server ever issued, for tests that look for them where they must not be. */
    synchronized List<String> issuedTokens() {
        List<String> tokens = new ArrayList<>(accessTokens.keySet());
        tokens.addAll(grants.keySet());
        return tokens;
    }

    private Answer exchange(Map<String, String> form) {
        String codeValue = Objects.requireNonNullElse(form.get("code"), "");
        Code code = codes.get(codeValue);
        Instant now = clock.instant();
        if (code == null || !now.isBefore(code.expiresAt())) {
            return badCode("authorization code is invalid or expired");
        }
        if (code.used()) {
            grants.replaceAll((token, grant) ->
                    codeValue.equals(grant.code()) ? new Grant(grant.scopes(), true, grant.code()) : grant);
            return badCode("authorization code has already been used");
        }
        codes.put(codeValue, new Code(code.redirectUri(), code.scopes(), code.challenge(), code.expiresAt(), true));
        if (!code.redirectUri().equals(form.get("redirect_uri"))) {
            return badCode("redirect_uri does not match the one the code was issued for");
        }
        if (code.challenge() != null && !code.challenge().equals(challengeOf(form.get("code_verifier")))) {
            return badCode("code_verifier does not match the code_challenge");
        }
        String refreshToken = "na1-" + token(8) + "-" + token(24);
        grants.put(refreshToken, new Grant(code.scopes(), false, codeValue));
        return new Answer(200, grantBody(refreshToken, code.scopes()));
    }

    private Answer refresh(@Nullable String refreshToken) {
        Grant grant = refreshToken == null ? null : grants.get(refreshToken);
        if (badRefreshToken.get() || grant == null || grant.revoked()) {
            return new Answer(
                    400,
                    HubSpotErrors.token(
                            "invalid_grant", "BAD_REFRESH_TOKEN", "refresh token is invalid, expired or revoked"));
        }
        return new Answer(200, grantBody(refreshToken, grant.scopes()));
    }

    private Map<String, Object> grantBody(String refreshToken, List<String> scopes) {
        String accessToken = "CKD" + token(120);
        Duration lifetime = accessTokenLifetime;
        accessTokens.put(accessToken, new Access(refreshToken, clock.instant().plus(lifetime), scopes));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "bearer");
        body.put("access_token", accessToken);
        body.put("refresh_token", refreshToken);
        body.put("expires_in", lifetime.toSeconds());
        body.put("hub_id", hubId);
        body.put("scopes", scopes);
        return body;
    }

    private static Answer badCode(String description) {
        return new Answer(400, HubSpotErrors.token("invalid_grant", "BAD_AUTH_CODE", description));
    }

    static @Nullable String challengeOf(@Nullable String verifier) {
        if (verifier == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Scopes asked for that the app may grant; null if any is unknown. */
    static @Nullable List<String> grantable(@Nullable String scope) {
        if (scope == null || scope.isBlank()) {
            return null;
        }
        List<String> asked =
                Arrays.stream(scope.trim().split("[\\s+]+")).distinct().toList();
        if (!GRANTABLE_SCOPES.containsAll(asked)) {
            return null;
        }
        List<String> granted = new ArrayList<>(asked);
        if (!granted.contains("oauth")) {
            granted.add(0, "oauth");
        }
        return granted;
    }

    private String token(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
