package io.leadsuite.imports.job;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.outbox.Outbox;
import io.leadsuite.common.outbox.OutboxSignal;
import io.leadsuite.common.outbox.PendingEvent;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.Problems;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every change of a job, each one a single-document update that also queues the event it causes. A
 * running job's changes are guarded by its lease, so a worker that lost the job (it stalled and
 * another took over) can no longer change it.
 */
@Component
public class ImportJobs {

    private final ReactiveMongoTemplate mongo;
    private final ImportEvents events;
    private final OutboxSignal outbox;
    private final Clock clock;

    ImportJobs(ReactiveMongoTemplate mongo, ImportEvents events, OutboxSignal outbox, Clock clock) {
        this.mongo = mongo;
        this.events = events;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** What an upload knows of a new job. */
    public record NewJob(
            Tenant tenant,
            String fileName,
            long fileSize,
            ObjectId fileId,
            ImportJob.FileFormat format,
            List<String> header,
            Map<String, String> fieldMapping,
            @Nullable ObjectId listId,
            boolean dryRun,
            DuplicatePolicy duplicatePolicy) {}

    /** Stores a {@code pending} CSV job and queues its request for a worker. */
    public Mono<ImportJob> create(NewJob spec) {
        Instant now = clock.instant();
        ObjectId id = new ObjectId();
        PendingEvent requested = events.requested(id, "csv", spec.tenant(), now);
        ImportJob job = new ImportJob(
                id,
                "csv",
                JobStatus.pending,
                0,
                0,
                0,
                0,
                Counts.NONE,
                List.of(),
                spec.fileName(),
                spec.fileSize(),
                spec.fileId(),
                spec.format(),
                spec.header(),
                spec.fieldMapping(),
                null,
                null,
                spec.listId(),
                spec.tenant().userId(),
                spec.tenant().workspaceId(),
                spec.dryRun(),
                spec.duplicatePolicy(),
                0,
                null,
                null,
                false,
                null,
                now,
                now,
                null,
                null,
                new ArrayList<>(List.of(requested)),
                now);
        return mongo.insert(job).doOnSuccess(stored -> outbox.eventsPending());
    }

    /**
     * What a sync request knows of a new CRM import.
     *
     * @param id the job id the requester chose
     * @param properties the provider properties the import reads, in order (the error file's header)
     * @param fieldMapping provider property → lead field or {@code customFields.<name>}
     * @param full read every record, whatever was synced before
     * @param searchLag how far the provider's search may trail its writes: the next sync starts this
     *     long before this one was requested
     */
    public record NewSync(
            ObjectId id,
            Tenant tenant,
            String provider,
            ObjectId integrationConfigId,
            @Nullable String accountId,
            List<String> properties,
            Map<String, String> fieldMapping,
            boolean full,
            Duration searchLag) {}

    /**
     * Stores a {@code pending} CRM import with the requester's id and queues its request, once: a
     * request delivered again answers the job already stored. It reads the records changed since the
     * last completed import of the same connection, or every record if there was none or {@code full}.
     */
    public Mono<ImportJob> createSync(NewSync spec) {
        Mono<Optional<Instant>> since = spec.full()
                ? Mono.just(Optional.empty())
                : lastCompleted(spec.integrationConfigId())
                        .map(previous -> Optional.ofNullable(previous.sync()).map(SyncPosition::nextSince))
                        .defaultIfEmpty(Optional.empty());
        return mongo.findById(spec.id(), ImportJob.class).switchIfEmpty(since.flatMap(from -> {
            Instant now = clock.instant();
            SyncPosition position = new SyncPosition(
                    spec.provider(), spec.accountId(), from.orElse(null), now.minus(spec.searchLag()), null, null);
            ImportJob job = new ImportJob(
                    spec.id(),
                    spec.provider(),
                    JobStatus.pending,
                    0,
                    0,
                    0,
                    0,
                    Counts.NONE,
                    List.of(),
                    null,
                    null,
                    null,
                    null,
                    spec.properties(),
                    spec.fieldMapping(),
                    spec.integrationConfigId(),
                    position,
                    null,
                    spec.tenant().userId(),
                    spec.tenant().workspaceId(),
                    false,
                    DuplicatePolicy.update,
                    0,
                    null,
                    null,
                    false,
                    null,
                    now,
                    now,
                    null,
                    null,
                    new ArrayList<>(List.of(events.requested(spec.id(), spec.provider(), spec.tenant(), now))),
                    now);
            return mongo.insert(job)
                    .doOnSuccess(stored -> outbox.eventsPending())
                    .onErrorResume(DuplicateKeyException.class, raced -> mongo.findById(spec.id(), ImportJob.class));
        }));
    }

    /** The connection's most recently completed import. */
    private Mono<ImportJob> lastCompleted(ObjectId integrationConfigId) {
        return mongo.findOne(
                query(where("integrationConfigId")
                                .is(integrationConfigId)
                                .and("status")
                                .is(JobStatus.completed))
                        .with(Sort.by(Sort.Direction.DESC, "completedAt"))
                        .limit(1),
                ImportJob.class);
    }

    /** The caller's job, or 404 (also for another user's). */
    public Mono<ImportJob> find(Tenant tenant, String id) {
        if (!ObjectId.isValid(id)) {
            return Mono.error(Problems.notFound("import job"));
        }
        return mongo.findOne(
                        query(where("_id").is(new ObjectId(id)).and("userId").is(tenant.userId())), ImportJob.class)
                .switchIfEmpty(Mono.error(Problems.notFound("import job")));
    }

    public Mono<ImportJob> byId(ObjectId id) {
        return mongo.findById(id, ImportJob.class);
    }

    /** The caller's jobs, newest first, {@code limit} after the job {@code before} (keyset). */
    public Flux<ImportJob> page(Tenant tenant, @Nullable ObjectId before, int limit) {
        Criteria criteria = where("userId").is(tenant.userId());
        if (before != null) {
            criteria = criteria.and("_id").lt(before);
        }
        return mongo.find(
                query(criteria).with(Sort.by(Sort.Direction.DESC, "_id")).limit(limit), ImportJob.class);
    }

    /**
     * Takes the job for {@code owner} until {@code lease} from now, if it has not ended and no other
     * live worker holds it; empty otherwise. The job becomes {@code processing}.
     */
    public Mono<ImportJob> claim(ObjectId id, String owner, Duration lease) {
        Instant now = clock.instant();
        Query free = query(where("_id")
                .is(id)
                .and("status")
                .in(JobStatus.pending, JobStatus.processing)
                .orOperator(
                        where("lease").isNull(),
                        where("lease.owner").is(owner),
                        where("lease.until").lt(now)));
        Update update = new Update()
                .set("status", JobStatus.processing)
                .set("lease", new ImportJob.Lease(owner, now.plus(lease)))
                .set("updatedAt", now);
        return mongo.findAndModify(free, update, FindAndModifyOptions.options().returnNew(true), ImportJob.class);
    }

    /**
     * Records the progress of a running job and renews its lease: the new totals, the fraction read, the
     * next refused rows for the bounded sample, a CRM import's position after the batch, and an
     * {@code ImportProgressed} event. Empty when {@code owner} no longer holds the job.
     *
     * @param total the rows the job will have, when the source says so ({@code 0}: the rows so far)
     * @param position for a CRM import: the last record written, and the list page that holds it
     */
    public Mono<ImportJob> checkpoint(
            ImportJob job,
            String owner,
            Duration lease,
            Counts counts,
            long total,
            double progress,
            List<RowError> newErrors,
            @Nullable RecordPosition position) {
        Instant now = clock.instant();
        Update update = totals(new Update(), counts, Math.max(total, counts.processed()))
                .set("progress", progress)
                .set("lease", new ImportJob.Lease(owner, now.plus(lease)))
                .set("updatedAt", now);
        int room = ImportJob.ERROR_SAMPLE - job.errors().size();
        if (room > 0 && !newErrors.isEmpty()) {
            update.push("errors")
                    .each(newErrors.subList(0, Math.min(room, newErrors.size())).toArray());
        }
        if (position != null) {
            update.set("sync.lastId", position.id()).set("sync.pageAfter", position.pageAfter());
        }
        Outbox.append(update, events.progress(job, JobStatus.processing, counts, progress, null, now));
        return held(job.id(), owner, update);
    }

    /**
     * A record of a CRM import's source, by its id, and the list cursor of the page it was on.
     *
     * @param pageAfter {@code null} for the first page, or a search's
     */
    public record RecordPosition(String id, @Nullable String pageAfter) {}

    /**
     * Renews the lease of a running job and reports its progress with the totals it has, unless a
     * checkpoint changed them meanwhile (then this writes nothing and is empty).
     */
    public Mono<ImportJob> heartbeat(ImportJob job, String owner, Duration lease, Counts counts, double progress) {
        Instant now = clock.instant();
        Update update = new Update()
                .set("progress", progress)
                .set("lease", new ImportJob.Lease(owner, now.plus(lease)))
                .set("updatedAt", now);
        Outbox.append(update, events.progress(job, JobStatus.processing, counts, progress, null, now));
        return mongo.findAndModify(
                        query(where("_id")
                                .is(job.id())
                                .and("status")
                                .is(JobStatus.processing)
                                .and("lease.owner")
                                .is(owner)
                                .and("counts.processed")
                                .is(counts.processed())),
                        update,
                        FindAndModifyOptions.options().returnNew(true),
                        ImportJob.class)
                .doOnNext(changed -> outbox.eventsPending());
    }

    /** Ends a running job held by {@code owner}: {@code completed}, or {@code failed} with a reason. */
    public Mono<ImportJob> finish(
            ImportJob job,
            String owner,
            JobStatus status,
            Counts counts,
            @Nullable String failureReason,
            @Nullable String failureMessage) {
        Instant now = clock.instant();
        Update update = totals(new Update(), counts, counts.processed())
                .set("status", status)
                .set("progress", progressOf(status, job))
                .set("failureReason", failureReason)
                .set("failureMessage", failureMessage)
                .unset("lease")
                .set("updatedAt", now)
                .set("completedAt", now);
        Outbox.append(update, events.progress(job, status, counts, progressOf(status, job), failureReason, now));
        return held(job.id(), owner, update);
    }

    /**
     * Cancels the caller's job: a pending one fails at once; a running one is asked to stop, and its
     * worker ends it after the batch in flight, keeping what it wrote. 409 for a job that has ended.
     */
    public Mono<ImportJob> cancel(Tenant tenant, String id) {
        return find(tenant, id).flatMap(job -> {
            Instant now = clock.instant();
            if (job.status().ended()) {
                return Mono.error(Problems.of(HttpStatus.CONFLICT, "The import has already " + job.status() + "."));
            }
            Query stillPending = query(where("_id").is(job.id()).and("status").is(JobStatus.pending));
            Update fail = new Update()
                    .set("status", JobStatus.failed)
                    .set("failureReason", "cancelled")
                    .set("failureMessage", "Cancelled before it started.")
                    .set("cancelRequested", true)
                    .set("updatedAt", now)
                    .set("completedAt", now);
            Outbox.append(fail, events.progress(job, JobStatus.failed, job.counts(), job.progress(), "cancelled", now));
            Query running = query(where("_id").is(job.id()).and("status").is(JobStatus.processing));
            Update ask = new Update().set("cancelRequested", true).set("updatedAt", now);
            FindAndModifyOptions returnNew = FindAndModifyOptions.options().returnNew(true);
            return mongo.findAndModify(stillPending, fail, returnNew, ImportJob.class)
                    .doOnNext(cancelled -> outbox.eventsPending())
                    .switchIfEmpty(Mono.defer(() -> mongo.findAndModify(running, ask, returnNew, ImportJob.class)))
                    .switchIfEmpty(Mono.defer(() -> find(tenant, id)));
        });
    }

    private Mono<ImportJob> held(ObjectId id, String owner, Update update) {
        return mongo.findAndModify(
                        query(where("_id")
                                .is(id)
                                .and("status")
                                .is(JobStatus.processing)
                                .and("lease.owner")
                                .is(owner)),
                        update,
                        FindAndModifyOptions.options().returnNew(true),
                        ImportJob.class)
                .doOnNext(changed -> outbox.eventsPending());
    }

    private static double progressOf(JobStatus status, ImportJob job) {
        return status == JobStatus.completed ? 1.0 : job.progress();
    }

    private static Update totals(Update update, Counts counts, long total) {
        return update.set("counts", counts)
                .set("totalRecords", total)
                .set("processedRecords", counts.processed())
                .set("successfulRecords", counts.successful())
                .set("failedRecords", counts.failed());
    }
}
