package io.leadsuite.imports.push;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A lead whose last change the CRM refused, in {@code push_errors} (one per lead and provider, removed
 * when a later push of the lead succeeds): HubSpot's 207 item for it, or why the call failed.
 *
 * @param id {@code <leadId>:<provider>}
 */
@Document(PushError.COLLECTION)
record PushError(
        @Id String id, String leadId, String userId, String provider, String email, String message, Instant at) {

    static final String COLLECTION = "push_errors";
}
