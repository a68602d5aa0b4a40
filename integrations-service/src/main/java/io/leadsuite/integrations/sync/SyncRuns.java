package io.leadsuite.integrations.sync;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.events.EventEnvelope;
import io.leadsuite.common.events.ImportChange;
import io.leadsuite.common.events.SyncRequest;
import io.leadsuite.common.outbox.Outbox;
import io.leadsuite.common.outbox.OutboxSignal;
import io.leadsuite.common.outbox.PendingEvent;
import io.leadsuite.integrations.config.IntegrationsProperties;
import io.leadsuite.integrations.connection.Connections;
import io.leadsuite.integrations.connection.IntegrationConfig;
import io.leadsuite.integrations.connection.IntegrationConfig.Sync;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.bson.types.ObjectId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every change of a config's syncs, each one update of the config. A sync is requested by a
 * conditional update that only matches while no other sync of the config is queued or running (or the
 * current one has not been heard of for {@code syncStallTimeout}), and that queues its {@code
 * SyncRequested} event in the config's outbox: of any number of instances, schedulers and users asking
 * at once, exactly one gets the sync, and the request is out exactly when the config says it is queued.
 * The import worker's progress events move it to running and, at its end, back to idle with the job's
 * outcome.
 */
@Component
public class SyncRuns {

    private final ReactiveMongoTemplate mongo;
    private final OutboxSignal outbox;
    private final JsonMapper json;
    private final Clock clock;
    private final IntegrationsProperties properties;
    private final String source;

    SyncRuns(
            ReactiveMongoTemplate mongo,
            OutboxSignal outbox,
            JsonMapper json,
            Clock clock,
            IntegrationsProperties properties,
            @Value("${spring.application.name}") String source) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
        this.source = source;
    }

    /** The scheduler's: active configs with automatic syncs whose next sync is due. */
    Flux<IntegrationConfig> due(int limit) {
        return mongo.find(
                query(where("deletedAt")
                                .isNull()
                                .and("isActive")
                                .is(true)
                                .and("settings.autoSync")
                                .is(true)
                                .and("nextSyncAt")
                                .lte(clock.instant()))
                        .limit(limit),
                IntegrationConfig.class);
    }

    /**
     * Requests a sync of {@code config}, if none of it is queued or running (and, with {@code onlyIfDue},
     * if its next sync is due): the config with its new sync, or empty.
     */
    Mono<IntegrationConfig> request(IntegrationConfig config, String trigger, boolean full, boolean onlyIfDue) {
        Instant now = clock.instant();
        Criteria free = new Criteria()
                .orOperator(
                        where("sync").isNull(),
                        where("sync.status").is(Sync.IDLE),
                        where("sync.heardAt").lt(now.minus(properties.syncStallTimeout())));
        Criteria target = where("_id")
                .is(config.id())
                .and("deletedAt")
                .isNull()
                .and("isActive")
                .is(true);
        if (onlyIfDue) {
            target = target.and("nextSyncAt").lte(now);
        }
        String jobId = new ObjectId().toHexString();
        Update update = new Update()
                .set("sync.status", Sync.QUEUED)
                .set("sync.jobId", jobId)
                .set("sync.full", full)
                .set("sync.requestedAt", now)
                .set("sync.heardAt", now)
                .set("nextSyncAt", now.plus(Duration.ofMinutes(config.settings().syncInterval())))
                .set("updatedAt", now);
        Outbox.append(update, requested(config, jobId, trigger, full, now));
        return mongo.findAndModify(
                        new Query(new Criteria().andOperator(target, free)),
                        update,
                        FindAndModifyOptions.options().returnNew(true),
                        IntegrationConfig.class)
                .doOnNext(requested -> outbox.eventsPending());
    }

    /** A progress event of a sync's job: the sync is running. Events of another job change nothing. */
    Mono<Void> heard(ObjectId configId, ImportChange.Progress progress) {
        Instant now = clock.instant();
        return mongo.updateFirst(
                        query(where("_id")
                                .is(configId)
                                .and("sync.jobId")
                                .is(progress.jobId())
                                .and("sync.status")
                                .in(Sync.QUEUED, Sync.RUNNING)),
                        new Update().set("sync.status", Sync.RUNNING).set("sync.heardAt", now),
                        IntegrationConfig.class)
                .then();
    }

    /**
     * The end of a sync's job: the sync is idle again, with the job's outcome. A completed one moves
     * {@code lastSyncAt} and clears {@code lastError}; a failed one leaves {@code lastSyncAt} as it was and
     * says why in {@code lastError}. The daily limit of the provider pauses automatic syncs until the
     * provider's day ends. An end already recorded, or of another job, changes nothing.
     */
    Mono<Void> ended(ObjectId configId, ImportChange.Progress progress) {
        boolean completed = "completed".equals(progress.status());
        Update update = new Update()
                .set("sync.status", Sync.IDLE)
                .unset("sync.jobId")
                .set(
                        "sync.lastJob",
                        new IntegrationConfig.LastJob(
                                progress.jobId(),
                                progress.status(),
                                progress.processedRecords(),
                                progress.created(),
                                progress.updated(),
                                progress.failedRecords(),
                                progress.failureReason(),
                                progress.at()))
                .set("updatedAt", clock.instant());
        if (completed) {
            update.set("settings.lastSyncAt", progress.at()).unset("lastError");
        } else if ("reconnect-required".equals(progress.failureReason())) {
            update.set("lastError", Connections.RECONNECT_REQUIRED);
        } else {
            update.set("lastError", "sync failed: " + progress.failureReason());
        }
        if ("daily-limit".equals(progress.failureReason())) {
            LocalDate tomorrow =
                    LocalDate.ofInstant(progress.at(), ZoneOffset.UTC).plusDays(1);
            update.set(
                    "nextSyncAt",
                    tomorrow.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofMinutes(5)));
        }
        return mongo.updateFirst(
                        query(where("_id").is(configId).and("sync.jobId").is(progress.jobId())),
                        update,
                        IntegrationConfig.class)
                .then();
    }

    private PendingEvent requested(IntegrationConfig config, String jobId, String trigger, boolean full, Instant at) {
        SyncRequest request = new SyncRequest(
                jobId,
                config.id().toHexString(),
                config.type(),
                config.credentials() == null ? null : config.credentials().accountId(),
                config.settings().fieldMappings(),
                full,
                trigger);
        return PendingEvent.of(
                EventEnvelope.of(
                        SyncRequest.REQUESTED,
                        source,
                        at,
                        new EventEnvelope.Tenant(config.userId(), config.workspaceId()),
                        request),
                json);
    }
}
