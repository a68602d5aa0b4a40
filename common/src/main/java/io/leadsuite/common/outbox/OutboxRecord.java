package io.leadsuite.common.outbox;

import java.time.Instant;
import java.util.List;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * What the relay reads of an aggregate document with an outbox: its id, owning user (absent for
 * workspace-owned aggregates such as lines), unrelayed events and whether it is a tombstone.
 */
public record OutboxRecord(
        ObjectId id,
        @Nullable String userId,
        @Nullable List<PendingEvent> pendingEvents,
        @Nullable Instant deletedAt) {

    public List<PendingEvent> pendingEventsOrEmpty() {
        return pendingEvents == null ? List.of() : pendingEvents;
    }
}
