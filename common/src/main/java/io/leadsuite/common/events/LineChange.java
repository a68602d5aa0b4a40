package io.leadsuite.common.events;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code data} of every event on {@link Topics#LINE_CHANGES}: the line as it is after the change.
 * The envelope's tenant is the line's workspace and the user who made the change.
 *
 * @param lineId the line (also the record key)
 * @param version the line's version after the change; a consumer keeping a copy ignores lower ones
 * @param provisioningStatus {@code provisioning}, {@code active} or {@code failed}
 * @param isActive whether the line can send (only when {@code active})
 * @param billingType {@code free} or {@code paid}: which plan slot the line holds
 * @param phone the line's number, once known
 * @param failureReason why provisioning failed, for {@code failed}
 * @param dailyNewConversationsLimit the line's daily limit of new conversations
 * @param dailyTotalMessagesLimit the line's daily limit of messages
 * @param changedFields for {@code LineUpdated}: the fields the update changed
 */
public record LineChange(
        String lineId,
        long version,
        String provisioningStatus,
        boolean isActive,
        String billingType,
        @Nullable String phone,
        @Nullable String failureReason,
        int dailyNewConversationsLimit,
        int dailyTotalMessagesLimit,
        List<String> changedFields) {

    public static final String PURCHASED = "LinePurchased";
    public static final String STATUS_CHANGED = "LineStatusChanged";
    public static final String UPDATED = "LineUpdated";
    public static final String DELETED = "LineDeleted";
}
