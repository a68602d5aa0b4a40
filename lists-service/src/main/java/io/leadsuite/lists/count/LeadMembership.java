package io.leadsuite.lists.count;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What the counts last learned of one lead: its list, its version, and the record (partition, offset)
 * of {@code leads.lead-changes.v1} that said so. A lead event counts only if it is newer than this, or
 * is this very record delivered again (whose count may not have been applied yet): so a record
 * redelivered after a crash is counted, and a copy of an event published twice is not.
 */
@Document(LeadMembership.COLLECTION)
public record LeadMembership(
        @Id String id,
        String userId,
        @Nullable String listId,
        long version,
        int partition,
        long offset,
        Instant updatedAt) {

    public static final String COLLECTION = "lead_memberships";

    boolean isRecord(int otherPartition, long otherOffset) {
        return partition == otherPartition && offset == otherOffset;
    }
}
