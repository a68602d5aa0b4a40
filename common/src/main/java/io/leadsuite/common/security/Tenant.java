package io.leadsuite.common.security;

import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.ErrorResponseException;

/**
 * The caller, as proven by a verified session token. Controllers declare a {@code Tenant} parameter
 * to receive it; it is never read from a body, a query parameter or a client header.
 *
 * @param userId the Clerk user id ({@code sub})
 * @param workspaceId the active Clerk organization ({@code org_id} in v1 claims, {@code o.id} in v2),
 *     if the session has one
 * @param orgRole the caller's role in that organization without the {@code org:} prefix (for example
 *     {@code admin}), if any
 */
public record Tenant(
        String userId,
        @Nullable String workspaceId,
        @Nullable String orgRole) {

    /** Reads the tenant from a token whose signature, issuer and lifetime were already verified. */
    public static Tenant from(Jwt jwt) {
        String userId = jwt.getSubject();
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("Token has no subject");
        }
        Map<String, Object> org = jwt.getClaimAsMap("o");
        if (org != null) {
            return new Tenant(userId, text(org.get("id")), role(text(org.get("rol"))));
        }
        return new Tenant(userId, jwt.getClaimAsString("org_id"), role(jwt.getClaimAsString("org_role")));
    }

    /** The active organization, or a 403 problem when the session has none. */
    public String requireWorkspace() {
        return Optional.ofNullable(workspaceId).orElseThrow(() -> {
            var problem = new ErrorResponseException(HttpStatus.FORBIDDEN);
            problem.setTitle("No active organization");
            problem.setDetail("This operation needs a session with an active organization (org_id).");
            return problem;
        });
    }

    public boolean isOrgAdmin() {
        return "admin".equals(orgRole);
    }

    private static @Nullable String text(@Nullable Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static @Nullable String role(@Nullable String role) {
        return role != null && role.startsWith("org:") ? role.substring("org:".length()) : role;
    }
}
