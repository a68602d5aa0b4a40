package io.leadsuite.integrations.token;

import io.leadsuite.common.web.Problems;
import io.leadsuite.integrations.config.IntegrationsProperties;
import io.leadsuite.integrations.connection.Connections;
import io.leadsuite.integrations.connection.IntegrationConfig;
import io.leadsuite.integrations.connection.Secrets;
import io.leadsuite.integrations.provider.OAuthProvider;
import io.leadsuite.integrations.provider.ProviderException;
import io.leadsuite.integrations.provider.Providers;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A config's access token, valid for at least the provider's refresh margin. A token close to expiry
 * is refreshed before it is handed out, never after a 401. Refreshing is single-flight across every
 * instance: the one that takes the config's lease in MongoDB refreshes; the others wait for the token
 * it stores. A grant the provider no longer honours marks the config "reconnect required".
 */
@Component
public class AccessTokens {

    private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);
    private static final Duration WAIT_STEP = Duration.ofMillis(100);
    private static final int ROUNDS = 3;

    private final Connections connections;
    private final Providers providers;
    private final IntegrationsProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;
    private final String instance = UUID.randomUUID().toString();

    AccessTokens(
            Connections connections,
            Providers providers,
            IntegrationsProperties properties,
            MeterRegistry meters,
            Clock clock) {
        this.connections = connections;
        this.providers = providers;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    /** A usable access token; {@link #toString} names no token. */
    public record Access(String accessToken, Instant expiresAt, String accountId) {

        @Override
        public String toString() {
            return "Access[account=" + accountId + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** The config's access token, refreshed first if it is about to expire. */
    public Mono<Access> current(ObjectId configId) {
        return attempt(configId, ROUNDS);
    }

    private Mono<Access> attempt(ObjectId configId, int roundsLeft) {
        return connections
                .byId(configId)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("Integration " + configId)))
                .flatMap(config -> {
                    if (!config.isActive() || config.credentials() == null) {
                        return Mono.error(reconnect(config));
                    }
                    OAuthProvider provider = providers.get(config.type());
                    if (fresh(config, provider)) {
                        return Mono.just(access(config, connections.open(config)));
                    }
                    if (roundsLeft == 0) {
                        return Mono.error(Problems.of(
                                HttpStatus.SERVICE_UNAVAILABLE,
                                "The integration's access token could not be refreshed; try again"));
                    }
                    String holder = instance + "/" + UUID.randomUUID();
                    return connections
                            .lease(configId, holder, clock.instant().plus(properties.refreshLease()))
                            .flatMap(leased -> refresh(leased, provider, holder))
                            .switchIfEmpty(
                                    Mono.defer(() -> awaitOthers(configId).then(attempt(configId, roundsLeft - 1))));
                });
    }

    private Mono<Access> refresh(IntegrationConfig config, OAuthProvider provider, String holder) {
        if (fresh(config, provider)) {
            // Another instance refreshed between our read and our lease.
            return connections.releaseLease(config.id(), holder).thenReturn(access(config, connections.open(config)));
        }
        Secrets secrets = connections.open(config);
        if (secrets.refreshToken() == null) {
            return lost(config, holder, "no refresh token");
        }
        return provider.refresh(secrets.refreshToken(), config.credentials().accountId())
                .flatMap(grant -> connections
                        .refreshed(config, secrets, grant, holder)
                        .flatMap(stored -> {
                            count(config.type(), stored ? "refreshed" : "lease-lost");
                            log.info("Refreshed the access token of integration {} ({})", config.id(), config.type());
                            return Mono.just(new Access(grant.accessToken(), grant.expiresAt(), grant.accountId()));
                        }))
                .onErrorResume(
                        ProviderException.GrantRevoked.class, revoked -> lost(config, holder, revoked.getMessage()))
                .onErrorResume(error -> !(error instanceof ReconnectRequired), error -> {
                    count(config.type(), "failed");
                    log.warn(
                            "Refreshing the access token of integration {} ({}) failed: {}",
                            config.id(),
                            config.type(),
                            error.getMessage());
                    return connections.releaseLease(config.id(), holder).then(Mono.error(error));
                });
    }

    private Mono<Access> lost(IntegrationConfig config, String holder, String why) {
        count(config.type(), "revoked");
        log.warn("Integration {} ({}) needs the user to reconnect: {}", config.id(), config.type(), why);
        return connections.reconnectRequired(config, holder).then(Mono.error(reconnect(config)));
    }

    /** Waits while another instance holds the lease (it refreshes), at most one lease long. */
    private Mono<Void> awaitOthers(ObjectId configId) {
        return connections
                .byId(configId)
                .filter(config -> config.refreshLease() == null
                        || !config.refreshLease().until().isAfter(clock.instant()))
                .repeatWhenEmpty(repeats -> repeats.delayElements(WAIT_STEP))
                .timeout(properties.refreshLease().plus(WAIT_STEP), Mono.empty())
                .then();
    }

    private boolean fresh(IntegrationConfig config, OAuthProvider provider) {
        return config.credentials() != null
                && config.credentials()
                        .accessTokenExpiresAt()
                        .isAfter(clock.instant().plus(provider.refreshAhead()));
    }

    private Access access(IntegrationConfig config, Secrets secrets) {
        return new Access(
                secrets.accessToken(),
                config.credentials().accessTokenExpiresAt(),
                config.credentials().accountId());
    }

    private void count(String type, String outcome) {
        meters.counter("leadsuite.integrations.token.refreshes", "provider", type, "outcome", outcome)
                .increment();
    }

    private static ReconnectRequired reconnect(IntegrationConfig config) {
        return new ReconnectRequired(config.id().toHexString(), config.type());
    }

    /** The config's grant is gone: only the user connecting again repairs it. */
    public static final class ReconnectRequired extends RuntimeException {
        ReconnectRequired(String configId, String type) {
            super("Integration " + configId + " (" + type + ") must be reconnected by its user");
        }
    }
}
