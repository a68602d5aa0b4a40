package io.leadsuite.common.lead;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The lead's record ids in the CRM or sheet it is linked to (seed-schema.md's {@code integrationIds}). */
public record IntegrationIds(
        @Nullable String hubspotRecordId,
        @Nullable String salesforceRecordId,
        @Nullable String googleSheetsRowId) {

    public static final IntegrationIds NONE = new IntegrationIds(null, null, null);

    public boolean hasNone() {
        return hubspotRecordId == null && salesforceRecordId == null && googleSheetsRowId == null;
    }

    /** The ids that are present, by their seed field name. */
    public Map<String, String> present() {
        Map<String, String> ids = new LinkedHashMap<>();
        if (hubspotRecordId != null) {
            ids.put("hubspotRecordId", hubspotRecordId);
        }
        if (salesforceRecordId != null) {
            ids.put("salesforceRecordId", salesforceRecordId);
        }
        if (googleSheetsRowId != null) {
            ids.put("googleSheetsRowId", googleSheetsRowId);
        }
        return ids;
    }
}
