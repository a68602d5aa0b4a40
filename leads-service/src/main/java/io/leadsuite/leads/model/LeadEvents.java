package io.leadsuite.leads.model;

import io.leadsuite.common.events.EventEnvelope;
import io.leadsuite.common.events.LeadChange;
import io.leadsuite.common.events.LeadChange.FieldChange;
import io.leadsuite.common.outbox.PendingEvent;
import io.leadsuite.common.security.Tenant;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Builds the events of lead changes, and reads them back (for the audit trail). */
public final class LeadEvents {

    private static final TypeReference<EventEnvelope<LeadChange>> ENVELOPE = new TypeReference<>() {};
    private static final long UUID_VERSION_8 = 0x8000L;
    private static final long UUID_VARIANT = 0x8000_0000_0000_0000L;

    private final JsonMapper json;
    private final String source;

    public LeadEvents(JsonMapper json, String source) {
        this.json = json;
        this.source = source;
    }

    public PendingEvent created(LeadDocument lead, Actor actor, Tenant tenant) {
        return event(LeadChange.CREATED, tenant, lead.updatedAt(), creation(lead, actor));
    }

    /**
     * The {@code LeadCreated} of a lead stored by a batch, queued in the batch's outbox ({@link
     * LeadBatchDocument}) and keyed by the lead. Its id is derived from the lead's, so that the event a
     * retried batch queues again for a lead the first try stored is the same event.
     */
    public PendingEvent createdInBatch(LeadDocument lead, Actor actor, Tenant tenant) {
        EventEnvelope<LeadChange> envelope = new EventEnvelope<>(
                createdInBatchId(lead.id()),
                LeadChange.CREATED,
                1,
                lead.createdAt(),
                source,
                new EventEnvelope.Tenant(tenant.userId(), tenant.workspaceId()),
                creation(lead, actor));
        return PendingEvent.of(envelope, json).keyedBy(lead.id().toHexString());
    }

    /**
     * The id of the {@link #createdInBatch} event of lead {@code leadId}: a version 8 UUID holding the
     * lead id's 96 bits in order. It is the same for the same lead, never a random (version 4) event id,
     * and ids of leads created later sort later: the audit entries of an import's leads are appended
     * to {@code lead_audit}, whose documents are stored in id order, rather than inserted at random
     * places of a collection as large as the leads (which costs a store more with every lead).
     */
    public static String createdInBatchId(ObjectId leadId) {
        ByteBuffer bytes = ByteBuffer.wrap(leadId.toByteArray());
        long high = bytes.getLong();
        long low = Integer.toUnsignedLong(bytes.getInt());
        long mostSignificant = ((high >>> 16) << 16) | UUID_VERSION_8 | ((high >>> 4) & 0xFFFL);
        long leastSignificant = UUID_VARIANT | ((((high & 0xFL) << 32) | low) << 26);
        return new UUID(mostSignificant, leastSignificant).toString();
    }

    public PendingEvent changed(
            LeadDocument lead,
            @Nullable String previousListId,
            Actor actor,
            Tenant tenant,
            Map<String, FieldChange> changes) {
        boolean moveOnly = changes.size() == 1 && changes.containsKey("listId");
        return event(
                moveOnly ? LeadChange.MOVED : LeadChange.UPDATED,
                tenant,
                lead.updatedAt(),
                new LeadChange(
                        lead.id().toHexString(),
                        lead.version(),
                        LeadState.hex(lead.listId()),
                        previousListId,
                        actor.id(),
                        snapshot(lead),
                        moveOnly ? null : changes));
    }

    public PendingEvent deleted(LeadDocument lead, Instant at, long version, Actor actor, Tenant tenant) {
        return event(
                LeadChange.DELETED,
                tenant,
                at,
                new LeadChange(
                        lead.id().toHexString(), version, null, LeadState.hex(lead.listId()), actor.id(), null, null));
    }

    public EventEnvelope<LeadChange> read(String envelope) {
        return json.readValue(envelope, ENVELOPE);
    }

    private PendingEvent event(String type, Tenant tenant, Instant at, LeadChange change) {
        EventEnvelope<LeadChange> envelope = EventEnvelope.of(
                type, source, at, new EventEnvelope.Tenant(tenant.userId(), tenant.workspaceId()), change);
        return PendingEvent.of(envelope, json);
    }

    private static LeadChange creation(LeadDocument lead, Actor actor) {
        return new LeadChange(
                lead.id().toHexString(),
                lead.version(),
                LeadState.hex(lead.listId()),
                null,
                actor.id(),
                snapshot(lead),
                null);
    }

    static LeadChange.Snapshot snapshot(LeadDocument lead) {
        return new LeadChange.Snapshot(
                lead.id().toHexString(),
                lead.userId(),
                new LinkedHashMap<>(lead.fields().toMap()),
                lead.phoneE164(),
                CustomFields.toJson(lead.customFieldsOrEmpty()),
                lead.integrationIdsOrNone().present(),
                LeadState.hex(lead.listId()),
                lead.source(),
                lead.createdAt(),
                lead.updatedAt());
    }
}
