package io.leadsuite.common.events;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code data} of every event on {@link Topics#LEAD_CHANGES}.
 *
 * @param leadId the lead (also the record key)
 * @param version the lead's version after this change; per lead, versions only grow, so a consumer can
 *     ignore an event whose version it has already seen
 * @param listId the list the lead is in after the change ({@code null}: none, or deleted)
 * @param previousListId the list it was in before ({@code null}: none, or just created)
 * @param actor who made the change: {@code user:<id>}, {@code import:<jobId>} or {@code system:<reason>}
 * @param lead the lead after the change; absent for {@code LeadDeleted}
 * @param changes for {@code LeadUpdated}: each changed field with its old and new value
 */
public record LeadChange(
        String leadId,
        long version,
        @Nullable String listId,
        @Nullable String previousListId,
        String actor,
        @Nullable Snapshot lead,
        @Nullable Map<String, FieldChange> changes) {

    public static final String CREATED = "LeadCreated";
    public static final String UPDATED = "LeadUpdated";
    public static final String MOVED = "LeadMoved";
    public static final String DELETED = "LeadDeleted";

    /** A field's value before and after an update ({@code null}: absent). */
    public record FieldChange(
            @Nullable Object from, @Nullable Object to) {}

    /**
     * The lead after the change (custom field names exactly as given).
     *
     * @param fields the standard fields by name ({@code firstName}, {@code lastName}, {@code email},
     *     {@code phone}, {@code companyName}, {@code jobTitle}, {@code linkedinUrl}, {@code notes}),
     *     at the top level of the JSON like the other properties; {@code null} values for absent ones.
     *     A map, so that the lead owner's list of standard fields is the only one: a consumer reads the
     *     names it knows and ignores the others
     */
    public record Snapshot(
            String id,
            String userId,
            @JsonAnyGetter @JsonAnySetter Map<String, @Nullable Object> fields,
            @Nullable String phoneE164,
            Map<String, Object> customFields,
            Map<String, String> integrationIds,
            @Nullable String listId,
            String source,
            Instant createdAt,
            Instant updatedAt) {}
}
