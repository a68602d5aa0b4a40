package io.leadsuite.imports.config;

import io.leadsuite.common.outbox.OutboxIndexes;
import io.leadsuite.imports.errors.ErrorRow;
import io.leadsuite.imports.job.ImportJob;
import java.time.Duration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import reactor.core.publisher.Flux;

/**
 * The indexes of the import data: a user's jobs newest first, a connection's last completed sync (where
 * the next one starts), jobs due for archiving, each job's
 * refused rows in file order, GridFS's own (which the driver also creates on first upload), and the
 * outbox. Creating an existing index is a no-op.
 */
final class ImportIndexes {

    private ImportIndexes() {}

    /** Blocks until created: call it during startup, never on an event loop. */
    static void ensure(ReactiveMongoTemplate mongo, Duration timeout) {
        var jobs = mongo.indexOps(ImportJob.class);
        var errors = mongo.indexOps(ErrorRow.class);
        Flux.concat(
                        jobs.createIndex(new Index()
                                .named("userId_id")
                                .on("userId", Sort.Direction.ASC)
                                .on("_id", Sort.Direction.DESC)),
                        jobs.createIndex(new Index()
                                .named("integrationConfigId_status_completedAt")
                                .on("integrationConfigId", Sort.Direction.ASC)
                                .on("status", Sort.Direction.ASC)
                                .on("completedAt", Sort.Direction.DESC)),
                        jobs.createIndex(new Index()
                                .named("archivedAt_createdAt")
                                .on("archivedAt", Sort.Direction.ASC)
                                .on("createdAt", Sort.Direction.ASC)),
                        OutboxIndexes.create(jobs),
                        errors.createIndex(new Index()
                                .named("jobId_row")
                                .on("jobId", Sort.Direction.ASC)
                                .on("row", Sort.Direction.ASC)),
                        mongo.indexOps("import_files.files")
                                .createIndex(new Index()
                                        .named("filename_uploadDate")
                                        .on("filename", Sort.Direction.ASC)
                                        .on("uploadDate", Sort.Direction.ASC)),
                        mongo.indexOps("import_files.chunks")
                                .createIndex(new Index()
                                        .named("files_id_n")
                                        .on("files_id", Sort.Direction.ASC)
                                        .on("n", Sort.Direction.ASC)
                                        .unique()))
                .then()
                .block(timeout);
    }
}
