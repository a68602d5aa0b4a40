package io.leadsuite.imports.push;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A lead change waiting to be pushed, in {@code push_queue}: one per lead, the changes since the last
 * push merged into it, so the queue is the coalescing window and survives a restart.
 *
 * @param id the lead id
 * @param fields the lead's standard fields to write, with their latest values
 * @param version the lead version the fields are from
 * @param queuedAt when the oldest change merged into it arrived
 */
@Document(PendingPush.COLLECTION)
record PendingPush(
        @Id String id,
        String userId,
        @Nullable String workspaceId,
        String email,
        @Nullable String hubspotRecordId,
        Map<String, @Nullable Object> fields,
        long version,
        Instant queuedAt) {

    static final String COLLECTION = "push_queue";
}
