package io.leadsuite.leads.lead;

import io.leadsuite.common.web.Problems;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.bson.types.ObjectId;

/**
 * Where a page of leads ended, in the default order (newest first): the last lead's creation time and
 * id. Opaque to clients: URL-safe Base64 of {@code <epoch millis>:<id>}.
 */
record LeadCursor(Instant createdAt, ObjectId id) {

    static LeadCursor after(Lead lead) {
        return new LeadCursor(lead.createdAt(), lead.id());
    }

    String encode() {
        String raw = createdAt.toEpochMilli() + ":" + id.toHexString();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    static LeadCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            int colon = raw.indexOf(':');
            return new LeadCursor(
                    Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))),
                    new ObjectId(raw.substring(colon + 1)));
        } catch (RuntimeException ex) {
            throw Problems.invalid("cursor", "is not a cursor returned by this API");
        }
    }
}
