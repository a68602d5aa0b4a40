package io.leadsuite.common.outbox;

import java.time.Instant;

/**
 * An event written into an aggregate document (a lead, a list) by the same atomic update as the change
 * it describes, and
 * removed once {@link OutboxRelay} has published it and Kafka acknowledged it.
 *
 * @param eventId the event id
 * @param type e.g. {@code LeadCreated}
 * @param at when the change was made
 * @param json the envelope exactly as it will be published
 */
public record PendingEvent(String eventId, String type, Instant at, String json) {}
