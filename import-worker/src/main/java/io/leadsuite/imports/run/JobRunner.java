package io.leadsuite.imports.run;

import io.leadsuite.imports.errors.ErrorRows;
import io.leadsuite.imports.job.Counts;
import io.leadsuite.imports.job.ImportJob;
import io.leadsuite.imports.job.ImportJobs;
import io.leadsuite.imports.job.ImportJobs.RecordPosition;
import io.leadsuite.imports.job.JobStatus;
import io.leadsuite.imports.job.RowError;
import io.leadsuite.imports.settings.ImportProperties;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one job from its request to its end, in whichever worker received the request: takes the job
 * (waiting while another live worker holds it), reads the file after the job's checkpoint, sends the
 * rows in batches to leads-service, records refused rows, and after every batch writes the new totals,
 * the checkpoint and a progress event in one update of the job. Every batch's leads carry
 * {@code <jobId>:<row>} refs, so a batch sent again after a crash stores nothing twice, and the totals
 * restart from the checkpoint, so no row is counted twice.
 */
final class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final ImportJobs jobs;
    private final RowReaders readers;
    private final BatchWriter writer;
    private final ErrorRows errorRows;
    private final JsonMapper json;
    private final ImportProperties properties;
    private final ImportMeters meters;
    private final String owner;

    JobRunner(
            ImportJobs jobs,
            RowReaders readers,
            BatchWriter writer,
            ErrorRows errorRows,
            JsonMapper json,
            ImportProperties properties,
            ImportMeters meters,
            String owner) {
        this.jobs = jobs;
        this.readers = readers;
        this.writer = writer;
        this.errorRows = errorRows;
        this.json = json;
        this.properties = properties;
        this.meters = meters;
        this.owner = owner;
    }

    /** Runs the job that {@code request} (an {@code ImportRequested} envelope) names, to its end. */
    Mono<Void> run(byte[] request) {
        ObjectId jobId = jobId(request);
        if (jobId == null) {
            log.warn("Ignoring an import request without a job id");
            return Mono.empty();
        }
        return claimWhenFree(jobId)
                .flatMap(this::execute)
                .retryWhen(Retry.backoff(20, Duration.ofMillis(500))
                        .maxBackoff(Duration.ofSeconds(30))
                        .filter(error -> !(error instanceof LeaseLost || error instanceof JobRefused))
                        .doBeforeRetry(signal -> log.warn(
                                "Import {} interrupted; resuming from its checkpoint", jobId, signal.failure())))
                .onErrorResume(LeaseLost.class, lost -> {
                    log.info("Import {} was taken over by another worker", jobId);
                    return Mono.empty();
                })
                .onErrorResume(error -> giveUp(jobId, error));
    }

    private Mono<ImportJob> claimWhenFree(ObjectId jobId) {
        return Mono.defer(() -> jobs.claim(jobId, owner, properties.lease()))
                .switchIfEmpty(Mono.defer(() -> jobs.byId(jobId)
                        .flatMap(job -> job.status().ended() ? Mono.empty() : Mono.error(new HeldElsewhere()))))
                .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, properties.lease().dividedBy(3))
                        .filter(HeldElsewhere.class::isInstance));
    }

    private Mono<Void> execute(ImportJob claimed) {
        if (claimed.cancelRequested()) {
            return finish(claimed, JobStatus.failed, claimed.counts(), "cancelled", "Cancelled.");
        }
        Progress state = new Progress(claimed);
        Sinks.Empty<Void> done = Sinks.empty();
        Mono<Void> work = Flux.using(
                        () -> readers.open(claimed),
                        reader -> {
                            state.reader = reader;
                            return Flux.fromIterable(() -> reader);
                        },
                        RowReader::close)
                .subscribeOn(Schedulers.boundedElastic())
                .skipWhile(row -> row.row() <= claimed.counts().lastRow())
                .buffer(properties.batchSize())
                .concatMap(rows -> writeBatch(state, rows), 1)
                .takeUntil(counts -> state.cancelled)
                .then()
                .doFinally(signal -> done.tryEmitEmpty());
        Mono<Void> heartbeats = Flux.interval(properties.heartbeat())
                .onBackpressureDrop()
                .concatMap(tick -> heartbeat(state), 1)
                .takeUntilOther(done.asMono())
                .then();
        return Mono.when(work, heartbeats)
                .then(Mono.defer(() -> end(state)))
                .onErrorResume(UnreadableFile.class, unreadable -> fail(state, "invalid-file", unreadable.getMessage()))
                .onErrorResume(
                        JobRefused.class,
                        refused -> fail(
                                state, refused.reason(), refused.getMessage() + " What was stored before it is kept."));
    }

    /** Ends the running job {@code failed} with the totals it reached. */
    private Mono<Void> fail(Progress state, String reason, String message) {
        return finish(state.job.get(), JobStatus.failed, state.counts.get(), reason, message);
    }

    private Mono<Counts> writeBatch(Progress state, List<ParsedRow> rows) {
        ImportJob job = state.job.get();
        return writer.write(job, rows)
                .flatMap(outcome -> errorRows
                        .record(outcome.errorRows())
                        .then(checkpoint(
                                state,
                                outcome.batchCounts(),
                                outcome.errors(),
                                rows.get(rows.size() - 1).position())));
    }

    /** After a batch: the new totals and checkpoint, the batch's refused rows for the sample, the lease renewed. */
    private Mono<Counts> checkpoint(
            Progress state, Counts batch, List<RowError> errors, @Nullable RecordPosition position) {
        return Mono.defer(() -> {
            Counts counts = state.counts.get().plus(batch);
            int room = Math.max(0, ImportJob.ERROR_SAMPLE - state.sampled.get());
            List<RowError> sample = errors.subList(0, Math.min(room, errors.size()));
            return jobs.checkpoint(
                            state.job.get(),
                            owner,
                            properties.lease(),
                            counts,
                            state.total(),
                            state.progress(),
                            sample,
                            position)
                    .switchIfEmpty(Mono.error(new LeaseLost()))
                    .map(updated -> {
                        state.saw(updated, counts);
                        state.sampled.addAndGet(sample.size());
                        meters.checkpointed(batch, updated.dryRun());
                        return counts;
                    });
        });
    }

    /**
     * Between batches: the fraction read, a progress event and the lease renewed, when no batch ended
     * within the last heartbeat. It changes no total, and writes nothing if a batch's checkpoint got
     * there first.
     */
    private Mono<Void> heartbeat(Progress state) {
        if (System.nanoTime() - state.lastWrite < properties.heartbeat().toNanos() / 2) {
            return Mono.empty();
        }
        Counts counts = state.counts.get();
        return jobs.heartbeat(state.job.get(), owner, properties.lease(), counts, state.progress())
                .doOnNext(updated -> state.saw(updated, counts))
                .then();
    }

    private Mono<Void> end(Progress state) {
        if (state.cancelled) {
            return fail(
                    state,
                    "cancelled",
                    "Cancelled after " + state.counts.get().processed() + " rows; what was written is kept.");
        }
        return finish(state.job.get(), JobStatus.completed, state.counts.get(), null, null);
    }

    /** Ends the job (the one place that does), and counts how it ended. */
    private Mono<Void> finish(
            ImportJob job, JobStatus status, Counts counts, @Nullable String reason, @Nullable String message) {
        return jobs.finish(job, owner, status, counts, reason, message)
                .doOnNext(ended -> meters.ended(status, reason))
                .then();
    }

    private Mono<Void> giveUp(ObjectId jobId, Throwable error) {
        log.error("Import {} failed after repeated errors", jobId, error);
        return jobs.byId(jobId)
                .filter(job -> !job.status().ended())
                .flatMap(job -> finish(
                        job,
                        JobStatus.failed,
                        job.counts(),
                        "interrupted",
                        "The import stopped after repeated errors; "
                                + job.counts().successful() + " rows were stored."))
                .then();
    }

    private ObjectId jobId(byte[] request) {
        try {
            JsonNode id = json.readTree(request).path("data").path("jobId");
            return id.isString() && ObjectId.isValid(id.asString()) ? new ObjectId(id.asString()) : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** What one run knows while it goes: the job as last written, the totals, the reader. */
    private static final class Progress {

        final AtomicReference<ImportJob> job;
        final AtomicReference<Counts> counts;
        final AtomicInteger sampled;
        volatile RowReader reader;
        volatile boolean cancelled;
        volatile long lastWrite = System.nanoTime();

        Progress(ImportJob job) {
            this.job = new AtomicReference<>(job);
            this.counts = new AtomicReference<>(job.counts());
            this.sampled = new AtomicInteger(job.errors().size());
        }

        void saw(ImportJob updated, Counts written) {
            job.set(updated);
            counts.accumulateAndGet(
                    written, (current, next) -> next.processed() >= current.processed() ? next : current);
            cancelled = updated.cancelRequested();
            lastWrite = System.nanoTime();
        }

        double progress() {
            RowReader current = reader;
            return current == null ? job.get().progress() : current.progress();
        }

        long total() {
            RowReader current = reader;
            return current == null ? 0 : current.total();
        }
    }

    /** Another live worker holds the job. */
    private static final class HeldElsewhere extends RuntimeException {
        HeldElsewhere() {
            super(null, null, false, false);
        }
    }

    /** This worker no longer holds the job: another took it over. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super(null, null, false, false);
        }
    }
}
