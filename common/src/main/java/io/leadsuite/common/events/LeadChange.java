package io.leadsuite.common.events;

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

    /** The lead as seed-schema.md names its fields (custom field names exactly as given). */
    public record Snapshot(
            String id,
            String userId,
            String firstName,
            String lastName,
            String email,
            String phone,
            @Nullable String phoneE164,
            @Nullable String companyName,
            @Nullable String jobTitle,
            @Nullable String linkedinUrl,
            @Nullable String notes,
            Map<String, Object> customFields,
            Map<String, String> integrationIds,
            @Nullable String listId,
            String source,
            Instant createdAt,
            Instant updatedAt) {}
}
