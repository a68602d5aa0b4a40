package io.leadsuite.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.ErrorResponseException;

class TenantTest {

    @Test
    void readsTheOrganizationFromClerkV2Claims() {
        Tenant tenant = Tenant.from(token(Map.of("sub", "user_1", "v", 2, "o", Map.of("id", "org_9", "rol", "admin"))));

        assertThat(tenant).isEqualTo(new Tenant("user_1", "org_9", "admin"));
        assertThat(tenant.isOrgAdmin()).isTrue();
    }

    @Test
    void readsTheOrganizationFromClerkV1Claims() {
        Tenant tenant = Tenant.from(token(Map.of("sub", "user_1", "org_id", "org_9", "org_role", "org:member")));

        assertThat(tenant).isEqualTo(new Tenant("user_1", "org_9", "member"));
        assertThat(tenant.isOrgAdmin()).isFalse();
    }

    @Test
    void aSessionWithoutOrganizationCannotActOnAWorkspace() {
        Tenant tenant = Tenant.from(token(Map.of("sub", "user_1")));

        assertThat(tenant.workspaceId()).isNull();
        assertThatThrownBy(tenant::requireWorkspace)
                .isInstanceOfSatisfying(
                        ErrorResponseException.class,
                        problem -> assertThat(problem.getStatusCode().value()).isEqualTo(403));
    }

    @Test
    void refusesATokenWithoutSubject() {
        assertThatThrownBy(() -> Tenant.from(token(Map.of("org_id", "org_9"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Jwt token(Map<String, Object> claims) {
        return new Jwt("t", Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "RS256"), claims);
    }
}
