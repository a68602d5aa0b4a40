package io.leadsuite.imports.retention;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.imports.errors.ErrorRows;
import io.leadsuite.imports.file.ImportFiles;
import io.leadsuite.imports.job.ImportJob;
import io.leadsuite.imports.job.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Archives jobs older than the retention (the seed's 90 days): their uploaded file and error rows are
 * deleted, and the job stays, marked {@code archivedAt}, with its totals and error sample. A scheduled
 * sweep, not a TTL index, which the embedded store does not honour. A job still running is left alone.
 */
@Component
public class JobArchive {

    private final ReactiveMongoTemplate mongo;
    private final ImportFiles files;
    private final ErrorRows errorRows;
    private final Clock clock;

    JobArchive(ReactiveMongoTemplate mongo, ImportFiles files, ErrorRows errorRows, Clock clock) {
        this.mongo = mongo;
        this.files = files;
        this.errorRows = errorRows;
        this.clock = clock;
    }

    /** Archives every ended job created more than {@code retention} ago; answers how many. */
    public Mono<Long> archive(Duration retention) {
        Instant now = clock.instant();
        return mongo.find(
                        query(where("archivedAt")
                                        .isNull()
                                        .and("createdAt")
                                        .lt(now.minus(retention))
                                        .and("status")
                                        .in(JobStatus.completed, JobStatus.failed))
                                .limit(1000),
                        ImportJob.class)
                .concatMap(job -> (job.fileId() == null ? Mono.<Void>empty() : files.delete(job.fileId()))
                        .then(errorRows.deleteAll(job.id()))
                        .then(mongo.updateFirst(
                                query(where("_id").is(job.id())),
                                new Update().set("archivedAt", now).unset("fileId"),
                                ImportJob.class)))
                .count();
    }
}
