package io.leadsuite.leads.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The lead's record ids in the CRM or sheet it is linked to ({@code integrationIds}). */
public record IntegrationIds(
        @Nullable String hubspotRecordId,
        @Nullable String salesforceRecordId,
        @Nullable String googleSheetsRowId) {

    public static final IntegrationIds NONE = new IntegrationIds(null, null, null);

    /** The platforms' field names, as {@link #present} names them. */
    public static final List<String> PLATFORMS = List.of("hubspotRecordId", "salesforceRecordId", "googleSheetsRowId");

    /**
     * The key that makes a record id unique per user and platform ({@code userId|recordId}), as the
     * lead's {@code integrationKeys} store it under {@link #keyField}.
     */
    public static String key(String userId, String recordId) {
        return userId + "|" + recordId;
    }

    /** The field of {@code integrationKeys} that holds a platform's key. */
    public static String keyField(String platform) {
        return switch (platform) {
            case "hubspotRecordId" -> "hubspot";
            case "salesforceRecordId" -> "salesforce";
            case "googleSheetsRowId" -> "googleSheets";
            default -> throw new IllegalArgumentException("Not a platform: " + platform);
        };
    }

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
