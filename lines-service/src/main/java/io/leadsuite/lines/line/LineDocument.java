package io.leadsuite.lines.line;

import io.leadsuite.common.outbox.PendingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A line in the {@code lines} collection (docs/architecture.md): its profile, status and limits, plus what keeps it and its
 * organization's counters exact without transactions.
 *
 * <ul>
 *   <li>{@code slotHeld}: the line holds a free or paid slot in the counters ({@code billingType} says
 *       which). {@code releaseOwedAt} is set when it failed or was deleted while holding one, until the
 *       slot is given back; {@code releaseClaim} marks the one release under way.
 *   <li>{@code providerPendingSince}: set until the provider accepted the order.
 *   <li>{@code idempotencyKey} ({@code workspaceId|key}) and {@code requestHash}: the purchase's
 *       {@code Idempotency-Key} and the body it came with.
 *   <li>{@code pendingEvents}, {@code outboxAt}: the outbox of {@code lines.line-changes.v1}.
 *   <li>{@code deletedAt}: deleted lines stay as tombstones (billing history); {@code abandoned} marks
 *       the tombstone written in place of a purchase that never completed.
 * </ul>
 */
@Document(LineDocument.COLLECTION)
public record LineDocument(
        @Id ObjectId id,
        String workspaceId,
        String createdByUserId,
        @Nullable String createdUserId,
        @Nullable String phone,
        String email,
        String firstName,
        String lastName,
        @Nullable String profileImageUrl,
        boolean isActive,
        ProvisioningStatus provisioningStatus,
        Instant provisioningSubmittedAt,
        Instant estimatedReadyAt,
        @Nullable Instant provisionedAt,
        @Nullable String failureReason,
        BillingType billingType,
        boolean slotHeld,
        @Nullable Instant releaseOwedAt,
        @Nullable ReleaseClaim releaseClaim,
        @Nullable Instant providerPendingSince,
        int dailyNewConversationsLimit,
        int dailyTotalMessagesLimit,
        @Nullable Usage usage,
        Instant createdAt,
        Instant updatedAt,
        long version,
        @Nullable String idempotencyKey,
        @Nullable String requestHash,
        @Nullable Instant deletedAt,
        @Nullable Boolean abandoned,
        @Nullable List<PendingEvent> pendingEvents,
        @Nullable Instant outboxAt) {

    public static final String COLLECTION = "lines";

    /**
     * A line just bought: provisioning, not active yet, holding the slot of {@code billingType}, with
     * the plan's daily limits, nothing used and no event queued yet (see {@link #queueing}).
     */
    static LineDocument purchased(
            ObjectId id,
            String workspaceId,
            String buyerUserId,
            LineProfile profile,
            BillingType billingType,
            int dailyNewConversationsLimit,
            int dailyTotalMessagesLimit,
            Instant now,
            Instant estimatedReadyAt,
            @Nullable String idempotencyKey,
            String requestHash) {
        return new LineDocument(
                id,
                workspaceId,
                buyerUserId,
                profile.createdUserId(),
                profile.phone(),
                profile.email(),
                profile.firstName(),
                profile.lastName(),
                profile.profileImageUrl(),
                false,
                ProvisioningStatus.provisioning,
                now,
                estimatedReadyAt,
                null,
                null,
                billingType,
                true,
                null,
                null,
                now,
                dailyNewConversationsLimit,
                dailyTotalMessagesLimit,
                null,
                now,
                now,
                1,
                idempotencyKey,
                requestHash,
                null,
                null,
                List.of(),
                null);
    }

    /** This line with {@code event} queued in its outbox, as {@code Outbox.append} queues one in an update. */
    LineDocument queueing(PendingEvent event) {
        List<PendingEvent> queued = new ArrayList<>(pendingEvents == null ? List.of() : pendingEvents);
        queued.add(event);
        return new LineDocument(
                id,
                workspaceId,
                createdByUserId,
                createdUserId,
                phone,
                email,
                firstName,
                lastName,
                profileImageUrl,
                isActive,
                provisioningStatus,
                provisioningSubmittedAt,
                estimatedReadyAt,
                provisionedAt,
                failureReason,
                billingType,
                slotHeld,
                releaseOwedAt,
                releaseClaim,
                providerPendingSince,
                dailyNewConversationsLimit,
                dailyTotalMessagesLimit,
                usage,
                createdAt,
                updatedAt,
                version,
                idempotencyKey,
                requestHash,
                deletedAt,
                abandoned,
                List.copyOf(queued),
                event.at());
    }

    /** A release of the line's slot under way, by one releaser ({@code token}) since {@code at}. */
    public record ReleaseClaim(String token, Instant at) {}

    /** Today's consumption, for the day {@code date} (ISO {@code YYYY-MM-DD} in the workspace's zone). */
    public record Usage(String date, int newConversationsCount, int totalMessagesCount) {}
}
