package io.leadsuite.leads.model;

import io.leadsuite.common.outbox.PendingEvent;
import java.time.Instant;
import java.util.List;
import org.bson.types.ObjectId;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The outbox of one batch write (an import's rows): the {@code LeadCreated} events of the leads it
 * stored, each keyed by its lead, so that a thousand new leads cost one outbox document and one relay
 * round instead of a thousand. The leads themselves carry no pending event.
 *
 * <p>It is written right after the leads, and born a tombstone ({@code deletedAt}): the relay removes
 * it as soon as its last event is out. A crash between the leads and this document leaves the batch
 * unanswered; its caller retries it, and the retry queues the events of the leads the first try stored
 * ({@link LeadEvents#createdInBatch} gives them the same event ids, so consumers see each once).
 */
@Document(LeadBatchDocument.COLLECTION)
public record LeadBatchDocument(
        @Id ObjectId id, String userId, List<PendingEvent> pendingEvents, Instant outboxAt, Instant deletedAt) {

    public static final String COLLECTION = "lead_batches";

    /** The batch outbox of {@code events}, queued at {@code now}. */
    public static LeadBatchDocument of(String userId, List<PendingEvent> events, Instant now) {
        return new LeadBatchDocument(new ObjectId(), userId, events, now, now);
    }
}
