package io.leadsuite.integrations.connection;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.events.EventEnvelope;
import io.leadsuite.common.events.IntegrationChange;
import io.leadsuite.common.mongo.VersionedUpdate;
import io.leadsuite.common.outbox.Outbox;
import io.leadsuite.common.outbox.OutboxSignal;
import io.leadsuite.common.outbox.PendingEvent;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.Problems;
import io.leadsuite.integrations.crypto.CredentialCipher;
import io.leadsuite.integrations.crypto.CredentialCipher.AssociatedData;
import io.leadsuite.integrations.provider.TokenGrant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every write of {@code integration_configs}: connecting (or reconnecting), storing refreshed tokens,
 * losing the grant, settings, and disconnecting. Each is one single-document write that also queues
 * its event for {@code integrations.integration-changes.v1}, so the change and its event are stored
 * together or not at all. Credentials are sealed with the config's id and user as associated data.
 */
@Component
public class Connections {

    /** What {@code lastError} says when only the user connecting again can repair the connection. */
    public static final String RECONNECT_REQUIRED = "reconnect required";

    private final ReactiveMongoTemplate mongo;
    private final CredentialCipher cipher;
    private final OutboxSignal outbox;
    private final JsonMapper json;
    private final Clock clock;
    private final String source;

    Connections(
            ReactiveMongoTemplate mongo,
            CredentialCipher cipher,
            OutboxSignal outbox,
            JsonMapper json,
            Clock clock,
            @Value("${spring.application.name}") String source) {
        this.mongo = mongo;
        this.cipher = cipher;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.source = source;
    }

    /** A user's configs that are not disconnected. */
    public static Criteria live(String userId) {
        return where("userId").is(userId).and("deletedAt").isNull();
    }

    public Flux<IntegrationConfig> list(Tenant tenant) {
        return mongo.find(query(live(tenant.userId())).with(Sort.by("type")), IntegrationConfig.class);
    }

    /** The caller's config of {@code type}, or a 404. */
    public Mono<IntegrationConfig> find(Tenant tenant, String type) {
        return mongo.findOne(query(live(tenant.userId()).and("type").is(type)), IntegrationConfig.class)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("Integration " + type)));
    }

    /** A live config by id, whoever owns it (service-to-service and background work). */
    public Mono<IntegrationConfig> byId(ObjectId id) {
        return mongo.findOne(query(where("_id").is(id).and("deletedAt").isNull()), IntegrationConfig.class);
    }

    /**
     * Stores the grant of a completed connect flow: a new config, or the user's existing one of that
     * type (active again, its error cleared; a disconnected one starts over with default settings). It
     * is due for a sync at once: the scheduler imports its records within a tick.
     */
    public Mono<IntegrationConfig> connect(String userId, @Nullable String workspaceId, String type, TokenGrant grant) {
        Mono<IntegrationConfig> existing =
                mongo.findOne(query(where("userId").is(userId).and("type").is(type)), IntegrationConfig.class);
        Mono<IntegrationConfig> reconnected = VersionedUpdate.apply(
                mongo,
                existing,
                current -> query(where("_id").is(current.id()).and("version").is(current.version())),
                current -> {
                    Instant now = now();
                    Update update = new Update()
                            .set("credentials", credentials(current.id(), userId, grant, grant.refreshToken(), now))
                            .set("isActive", true)
                            .unset("lastError")
                            .unset("refreshLease")
                            .set("nextSyncAt", now)
                            .set("updatedAt", now)
                            .inc("version", 1);
                    if (current.deletedAt() != null) {
                        update.unset("deletedAt").unset("sync").set("settings", IntegrationConfig.Settings.defaults());
                    }
                    return Mono.just(Outbox.append(
                            update, event(IntegrationChange.CONNECTED, current, grant.accountId(), null, now)));
                },
                IntegrationConfig.class,
                "The integration is being changed by others at the same time; try again");
        return reconnected
                .switchIfEmpty(Mono.defer(() -> insert(userId, workspaceId, type, grant)))
                .retryWhen(Retry.max(3).filter(DuplicateKeyException.class::isInstance))
                .doOnSuccess(stored -> outbox.eventsPending());
    }

    private Mono<IntegrationConfig> insert(String userId, @Nullable String workspaceId, String type, TokenGrant grant) {
        Instant now = now();
        ObjectId id = new ObjectId();
        PendingEvent connected =
                event(IntegrationChange.CONNECTED, id, userId, workspaceId, type, grant.accountId(), null, now);
        return mongo.insert(new IntegrationConfig(
                id,
                userId,
                workspaceId,
                type,
                credentials(id, userId, grant, grant.refreshToken(), now),
                IntegrationConfig.Settings.defaults(),
                true,
                null,
                now,
                now,
                1,
                null,
                null,
                now,
                null,
                List.of(connected),
                now));
    }

    /**
     * Stores a refreshed grant, if {@code holder} still holds the config's refresh lease (so a late
     * writer never overwrites a newer token), and releases the lease. A grant without a refresh token
     * keeps the previous one.
     */
    public Mono<Boolean> refreshed(IntegrationConfig config, Secrets previous, TokenGrant grant, String holder) {
        String refreshToken = grant.refreshToken() == null ? previous.refreshToken() : grant.refreshToken();
        Instant now = now();
        Instant connectedAt =
                config.credentials() == null ? now : config.credentials().connectedAt();
        IntegrationConfig.Credentials kept =
                credentials(config.id(), config.userId(), grant, refreshToken, connectedAt);
        return mongo.updateFirst(
                        leasedBy(config.id(), holder),
                        new Update()
                                .set("credentials", kept)
                                .unset("refreshLease")
                                .set("updatedAt", now)
                                .inc("version", 1),
                        IntegrationConfig.class)
                .map(result -> result.getModifiedCount() == 1);
    }

    /** The provider no longer honours the grant: inactive, "reconnect required", and an event. */
    public Mono<Void> reconnectRequired(IntegrationConfig config, String holder) {
        Instant now = now();
        String accountId =
                config.credentials() == null ? null : config.credentials().accountId();
        Update update = Outbox.append(
                new Update()
                        .set("isActive", false)
                        .set("lastError", RECONNECT_REQUIRED)
                        .unset("refreshLease")
                        .set("updatedAt", now)
                        .inc("version", 1),
                event(IntegrationChange.RECONNECT_REQUIRED, config, accountId, RECONNECT_REQUIRED, now));
        return mongo.updateFirst(leasedBy(config.id(), holder), update, IntegrationConfig.class)
                .doOnSuccess(result -> outbox.eventsPending())
                .then();
    }

    /** Gives up a refresh lease without a new token (the provider could not be reached). */
    public Mono<Void> releaseLease(ObjectId id, String holder) {
        return mongo.updateFirst(leasedBy(id, holder), new Update().unset("refreshLease"), IntegrationConfig.class)
                .then();
    }

    /**
     * Takes the config's refresh lease for {@code holder} until {@code until}, unless another holder's
     * lease is still running; returns the config as leased, or empty.
     */
    public Mono<IntegrationConfig> lease(ObjectId id, String holder, Instant until) {
        Instant now = clock.instant();
        return mongo.findAndModify(
                query(where("_id")
                        .is(id)
                        .and("deletedAt")
                        .isNull()
                        .and("isActive")
                        .is(true)
                        .orOperator(
                                where("refreshLease").isNull(),
                                where("refreshLease.until").lt(now))),
                new Update().set("refreshLease", new IntegrationConfig.RefreshLease(holder, until)),
                FindAndModifyOptions.options().returnNew(true),
                IntegrationConfig.class);
    }

    /**
     * Replaces the settings, after {@link SettingsRules} validated and merged them. A new interval, or
     * automatic syncs turned on, schedules the next sync one interval from now.
     */
    public Mono<IntegrationConfig> updateSettings(
            Tenant tenant, String type, UnaryOperator<IntegrationConfig.Settings> change) {
        return VersionedUpdate.apply(
                mongo,
                find(tenant, type),
                current -> VersionedUpdate.liveAt(current.id(), current.version()),
                current -> {
                    IntegrationConfig.Settings next = change.apply(current.settings());
                    if (next.equals(current.settings())) {
                        return Mono.empty();
                    }
                    Instant now = now();
                    Update update = new Update()
                            .set("settings", next)
                            .set("updatedAt", now)
                            .inc("version", 1);
                    if (next.autoSync()
                            && (!current.settings().autoSync()
                                    || next.syncInterval() != current.settings().syncInterval())) {
                        update.set("nextSyncAt", now.plus(Duration.ofMinutes(next.syncInterval())));
                    }
                    return Mono.just(update);
                },
                IntegrationConfig.class,
                "The integration is being changed by others at the same time; try again");
    }

    /**
     * Ends the connection: the credentials are deleted and the config becomes a tombstone until its
     * {@code IntegrationDisconnected} event is out. The leads it imported stay. Returns the config as
     * it was, so the caller can revoke the grant at the provider.
     */
    public Mono<IntegrationConfig> disconnect(Tenant tenant, String type) {
        AtomicReference<IntegrationConfig> removed = new AtomicReference<>();
        return VersionedUpdate.apply(
                        mongo,
                        find(tenant, type),
                        current -> VersionedUpdate.liveAt(current.id(), current.version()),
                        current -> {
                            removed.set(current);
                            Instant now = now();
                            String accountId = current.credentials() == null
                                    ? null
                                    : current.credentials().accountId();
                            return Mono.just(Outbox.append(
                                    new Update()
                                            .unset("credentials")
                                            .unset("refreshLease")
                                            .unset("nextSyncAt")
                                            .set("isActive", false)
                                            .set("deletedAt", now)
                                            .set("updatedAt", now)
                                            .inc("version", 1),
                                    event(IntegrationChange.DISCONNECTED, current, accountId, null, now)));
                        },
                        IntegrationConfig.class,
                        "The integration is being changed by others at the same time; try again")
                .doOnSuccess(done -> outbox.eventsPending())
                .then(Mono.fromSupplier(removed::get));
    }

    /** The tokens of {@code config}, decrypted. */
    public Secrets open(IntegrationConfig config) {
        IntegrationConfig.Credentials credentials = config.credentials();
        if (credentials == null) {
            throw new IllegalStateException("Integration " + config.id() + " has no credentials");
        }
        byte[] plaintext = cipher.open(
                new CredentialCipher.Sealed(credentials.sealed(), credentials.keyId()),
                AssociatedData.integration(config.id().toHexString(), config.userId()));
        return json.readValue(plaintext, Secrets.class);
    }

    /** The same credentials sealed again with the primary key (rotation); false if the config changed meanwhile. */
    public Mono<Boolean> reseal(IntegrationConfig config) {
        IntegrationConfig.Credentials credentials = config.credentials();
        if (credentials == null || credentials.keyId() == cipher.primaryKeyId()) {
            return Mono.just(false);
        }
        CredentialCipher.Sealed sealed = seal(config.id(), config.userId(), open(config));
        return mongo.updateFirst(
                        query(where("_id")
                                .is(config.id())
                                .and("credentials.sealed")
                                .is(credentials.sealed())),
                        new Update()
                                .set("credentials.sealed", sealed.ciphertext())
                                .set("credentials.keyId", sealed.keyId()),
                        IntegrationConfig.class)
                .map(result -> result.getModifiedCount() == 1);
    }

    /** Configs whose credentials an older key encrypted. */
    public Flux<IntegrationConfig> sealedByOlderKeys() {
        return mongo.find(
                query(where("credentials").ne(null).and("credentials.keyId").ne(cipher.primaryKeyId())),
                IntegrationConfig.class);
    }

    private IntegrationConfig.Credentials credentials(
            ObjectId id, String userId, TokenGrant grant, @Nullable String refreshToken, Instant connectedAt) {
        CredentialCipher.Sealed sealed = seal(id, userId, new Secrets(grant.accessToken(), refreshToken));
        return new IntegrationConfig.Credentials(
                grant.accountId(), grant.scopes(), grant.expiresAt(), sealed.ciphertext(), sealed.keyId(), connectedAt);
    }

    private CredentialCipher.Sealed seal(ObjectId id, String userId, Secrets secrets) {
        return cipher.seal(json.writeValueAsBytes(secrets), AssociatedData.integration(id.toHexString(), userId));
    }

    private static Query leasedBy(ObjectId id, String holder) {
        return query(where("_id").is(id).and("refreshLease.holder").is(holder));
    }

    private PendingEvent event(
            String type, IntegrationConfig config, @Nullable String accountId, @Nullable String reason, Instant at) {
        return event(type, config.id(), config.userId(), config.workspaceId(), config.type(), accountId, reason, at);
    }

    private PendingEvent event(
            String eventType,
            ObjectId id,
            String userId,
            @Nullable String workspaceId,
            String provider,
            @Nullable String accountId,
            @Nullable String reason,
            Instant at) {
        EventEnvelope<IntegrationChange> envelope = EventEnvelope.of(
                eventType,
                source,
                at,
                new EventEnvelope.Tenant(userId, workspaceId),
                new IntegrationChange(id.toHexString(), provider, accountId, reason));
        return PendingEvent.of(envelope, json);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
