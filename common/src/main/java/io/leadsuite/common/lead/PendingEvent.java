package io.leadsuite.common.lead;

import java.time.Instant;

/**
 * An event written into the lead document by the same atomic update as the change it describes, and
 * removed once {@link LeadEventRelay} has recorded it in the audit trail and Kafka acknowledged it.
 *
 * @param eventId the event id
 * @param type e.g. {@code LeadCreated}
 * @param at when the change was made
 * @param json the envelope exactly as it will be published
 */
public record PendingEvent(String eventId, String type, Instant at, String json) {}
