package io.leadsuite.leads.audit;

import java.time.Instant;
import org.bson.types.ObjectId;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One change of one lead, kept for the audit trail ("All data modifications are logged"). Written by
 * the relay from the lead's own pending events before they go to Kafka, so every acknowledged write is
 * audited; the event id is the entry id, which makes recording it twice harmless.
 *
 * @param event the published envelope, as JSON (custom field names stay exact)
 */
@Document(LeadAuditEntry.COLLECTION)
public record LeadAuditEntry(@Id String id, ObjectId leadId, String userId, String type, Instant at, String event) {

    public static final String COLLECTION = "lead_audit";
}
