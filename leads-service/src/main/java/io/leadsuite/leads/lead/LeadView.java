package io.leadsuite.leads.lead;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.leadsuite.leads.model.CustomFields;
import io.leadsuite.leads.model.IntegrationIds;
import io.leadsuite.leads.model.LeadDocument;
import io.leadsuite.leads.model.LeadFields;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A lead as the API shows it to its owner: its standard fields at the top level, custom field names
 * exactly as given, the phone as entered and in E.164 when it is a valid number, and the version for
 * {@code If-Match}.
 */
public record LeadView(
        String id,
        @JsonUnwrapped LeadFields fields,
        @Nullable String phoneE164,
        Map<String, Object> customFields,
        IntegrationIds integrationIds,
        @Nullable String listId,
        String source,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public static LeadView of(LeadDocument lead) {
        return new LeadView(
                lead.id().toHexString(),
                lead.fields(),
                lead.phoneE164(),
                CustomFields.toJson(lead.customFieldsOrEmpty()),
                lead.integrationIdsOrNone(),
                lead.listId() == null ? null : lead.listId().toHexString(),
                lead.source(),
                lead.createdAt(),
                lead.updatedAt(),
                lead.version());
    }

    /** The version as an entity tag: {@code "3"}. */
    String etag() {
        return "\"" + version + "\"";
    }
}
