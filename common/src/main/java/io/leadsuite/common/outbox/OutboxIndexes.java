package io.leadsuite.common.outbox;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.ReactiveIndexOperations;
import reactor.core.publisher.Flux;

/**
 * The indexes every collection with an outbox needs for its relay: the relay looks for due documents
 * by {@code outboxAt} and addresses a claimed round by {@code relayRound}; both are sparse, so only
 * documents with events pending are in them.
 */
public final class OutboxIndexes {

    private OutboxIndexes() {}

    /** Creates both on the collection of {@code indexes}; creating an existing index is a no-op. */
    public static Flux<String> create(ReactiveIndexOperations indexes) {
        return Flux.concat(
                indexes.createIndex(sparse(Outbox.OUTBOX_AT)), indexes.createIndex(sparse(Outbox.RELAY_ROUND)));
    }

    private static Index sparse(String field) {
        return new Index().named(field).on(field, Sort.Direction.ASC).sparse();
    }
}
