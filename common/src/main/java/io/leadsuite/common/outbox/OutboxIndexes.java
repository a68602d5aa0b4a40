package io.leadsuite.common.outbox;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexDefinition;

/** The indexes a collection with an outbox needs for its relay. */
public final class OutboxIndexes {

    private OutboxIndexes() {}

    public static IndexDefinition outboxAt() {
        return new Index().named("outboxAt").on("outboxAt", Sort.Direction.ASC).sparse();
    }

    public static IndexDefinition relayRound() {
        return new Index()
                .named("relayRound")
                .on("relayRound", Sort.Direction.ASC)
                .sparse();
    }
}
