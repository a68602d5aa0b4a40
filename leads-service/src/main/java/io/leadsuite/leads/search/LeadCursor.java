package io.leadsuite.leads.search;

import io.leadsuite.common.web.Problems;
import io.leadsuite.leads.model.LeadDocument;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bson.types.ObjectId;

/**
 * Where a page ended: the order it was listed in, the last lead's sort value and id. Opaque to clients
 * (URL-safe Base64); only valid with the same {@code sort}.
 */
record LeadCursor(LeadSort sort, String value, ObjectId id) {

    private static final char SEPARATOR = '\n';

    static LeadCursor after(LeadSort sort, LeadDocument lead) {
        return new LeadCursor(sort, sort.valueOf(lead), lead.id());
    }

    String encode() {
        String raw = sort.parameter + SEPARATOR + id.toHexString() + SEPARATOR + value;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static LeadCursor decode(String cursor, LeadSort expected) {
        LeadCursor decoded;
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split(String.valueOf(SEPARATOR), 3);
            LeadSort sort = LeadSort.parse(parts[0]);
            decoded = new LeadCursor(sort, parts[2], new ObjectId(parts[1]));
            decoded.sort.typed(decoded.value);
        } catch (RuntimeException ex) {
            throw Problems.invalid("cursor", "is not a cursor returned by this API");
        }
        if (decoded.sort != expected) {
            throw Problems.invalid("cursor", "was returned for sort=" + decoded.sort.parameter + "; use the same sort");
        }
        return decoded;
    }
}
