package io.leadsuite.common.outbox;

import io.leadsuite.common.events.EventEnvelope;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event written into an aggregate document (a lead, a list, a line) by the same atomic update as the
 * change it describes ({@link Outbox#append}), and removed once {@link OutboxRelay} has published it and Kafka acknowledged it.
 *
 * @param eventId the event id
 * @param type e.g. {@code LeadCreated}
 * @param at when the change was made
 * @param json the envelope exactly as it will be published
 * @param key the Kafka key, when it is not the id of the document that holds the event (the events of
 *     a batch of leads, held by one batch document, are keyed by their leads)
 * @param traceparent the W3C trace context of the change (the request or job that made it), which the
 *     relay continues when it publishes the event, however much later; absent outside a trace
 */
public record PendingEvent(
        String eventId,
        String type,
        Instant at,
        String json,
        @Nullable String key,
        @Nullable String traceparent) {

    /** The envelope as it will be published, ready to queue with {@link Outbox#append}. */
    public static PendingEvent of(EventEnvelope<?> envelope, JsonMapper json) {
        return new PendingEvent(
                envelope.id(),
                envelope.type(),
                envelope.occurredAt(),
                json.writeValueAsString(envelope),
                null,
                TraceParent.current());
    }

    /** This event, published with {@code key} instead of the id of the document that holds it. */
    public PendingEvent keyedBy(String key) {
        return new PendingEvent(eventId, type, at, json, key, traceparent);
    }
}
