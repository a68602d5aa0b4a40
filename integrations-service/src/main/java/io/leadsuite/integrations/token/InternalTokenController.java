package io.leadsuite.integrations.token;

import io.leadsuite.common.web.Problems;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Instant;
import org.bson.types.ObjectId;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Service-to-service (behind {@code X-Internal-Token}, never routed by the gateway): a config's current
 * access token, for the import worker's provider calls. The keyset and the refresh token never leave
 * this service; only a short-lived access token does, and only here.
 */
@RestController
@Hidden
class InternalTokenController {

    private final AccessTokens tokens;

    InternalTokenController(AccessTokens tokens) {
        this.tokens = tokens;
    }

    record TokenView(String accessToken, Instant expiresAt, String accountId) {

        @Override
        public String toString() {
            return "TokenView[account=" + accountId + "]";
        }
    }

    @PostMapping("/internal/integrations/{id}/access-token")
    Mono<TokenView> accessToken(@PathVariable String id) {
        if (!ObjectId.isValid(id)) {
            return Mono.error(Problems.notFound("Integration " + id));
        }
        return tokens.current(new ObjectId(id))
                .map(access -> new TokenView(access.accessToken(), access.expiresAt(), access.accountId()))
                .onErrorMap(AccessTokens.ReconnectRequired.class, lost -> {
                    ProblemDetail problem =
                            Problems.titled(HttpStatus.CONFLICT, "The integration must be reconnected by its user");
                    problem.setProperty("lastError", "reconnect required");
                    return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
                });
    }
}
