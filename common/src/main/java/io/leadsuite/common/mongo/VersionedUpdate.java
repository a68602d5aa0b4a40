package io.leadsuite.common.mongo;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.web.Problems;
import java.util.function.Function;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Read, compute a change, and write it only if the document is still as read (a guard such as
 * {@code version == read version}); when someone else changed it meanwhile, read again and recompute,
 * a few times, then answer 409. The way to change an aggregate from its current state without
 * transactions.
 */
public final class VersionedUpdate {

    private static final int ATTEMPTS = 8;

    private VersionedUpdate() {}

    /**
     * The usual guard: the document with {@code id}, still at {@code version} and not deleted (no
     * {@code deletedAt}).
     */
    public static Query liveAt(ObjectId id, long version) {
        return query(
                where("_id").is(id).and("version").is(version).and("deletedAt").isNull());
    }

    /** An update and the guard it must be written under, computed together from the document as read. */
    public record Guarded(Query guard, Update update) {}

    /**
     * @param read the current document (its error, e.g. a 404, ends the attempt)
     * @param guard the query that matches the document only while it is as read
     * @param change the update to make, or empty for none (the document is then returned as read)
     * @param conflict what to tell the caller when the document keeps changing under us
     * @return the document after the change
     */
    public static <T> Mono<T> apply(
            ReactiveMongoTemplate mongo,
            Mono<T> read,
            Function<T, Query> guard,
            Function<T, Mono<Update>> change,
            Class<T> type,
            String conflict) {
        return apply(
                mongo,
                read,
                current -> change.apply(current).map(update -> new Guarded(guard.apply(current), update)),
                type,
                ATTEMPTS,
                conflict);
    }

    /**
     * The same loop, for a change whose guard depends on what the change computed (e.g. the day it
     * counts on), and with its own number of retries.
     *
     * @param change the guarded update to make, or empty for none (the document is then returned as read)
     * @param retries how many times to read again before answering 409
     */
    public static <T> Mono<T> apply(
            ReactiveMongoTemplate mongo,
            Mono<T> read,
            Function<T, Mono<Guarded>> change,
            Class<T> type,
            int retries,
            String conflict) {
        return Mono.defer(() -> read.flatMap(current -> change.apply(current)
                        .flatMap(write -> mongo.findAndModify(
                                        write.guard(),
                                        write.update(),
                                        FindAndModifyOptions.options().returnNew(true),
                                        type)
                                .switchIfEmpty(Mono.error(ConcurrentChange::new)))
                        .defaultIfEmpty(current)))
                .retryWhen(Retry.max(retries)
                        .filter(ConcurrentChange.class::isInstance)
                        .onRetryExhaustedThrow((spec, signal) -> Problems.of(HttpStatus.CONFLICT, conflict)));
    }

    /** The document changed between our read and our write; the change is recomputed. */
    private static final class ConcurrentChange extends RuntimeException {
        ConcurrentChange() {
            super(null, null, false, false);
        }
    }
}
