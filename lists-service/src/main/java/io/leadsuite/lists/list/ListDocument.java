package io.leadsuite.lists.list;

import io.leadsuite.common.outbox.PendingEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A list in the {@code lists} collection (docs/architecture.md): its name and description, plus what keeps it exact without
 * transactions. {@code nameKey} ({@code userId|lower-cased name}) makes names unique per user
 * regardless of case; {@code countedOffsets} says, per partition of {@code leads.lead-changes.v1}, up
 * to which offset {@code leadCount} has counted, so a batch of events is never counted twice; pending
 * events are the outbox of {@code lists.list-changes.v1}. A deleted list stays as a tombstone only
 * until its {@code ListDeleted} event is relayed.
 */
@Document(ListDocument.COLLECTION)
public record ListDocument(
        @Id ObjectId id,
        String userId,
        String name,
        @Nullable String description,
        long leadCount,
        Instant createdAt,
        Instant updatedAt,
        long version,
        @Nullable String nameKey,
        @Nullable Map<String, Long> countedOffsets,
        @Nullable Instant deletedAt,
        @Nullable List<PendingEvent> pendingEvents,
        @Nullable Instant outboxAt) {

    public static final String COLLECTION = "lists";

    public Map<String, Long> countedOffsetsOrEmpty() {
        return countedOffsets == null ? Map.of() : countedOffsets;
    }
}
