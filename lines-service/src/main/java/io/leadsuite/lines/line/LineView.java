package io.leadsuite.lines.line;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A line as its workspace sees it. {@code provisioningOverdue} flags a line still provisioning after
 * its {@code estimatedReadyAt}.
 */
public record LineView(
        String id,
        String workspaceId,
        String createdByUserId,
        @Nullable String createdUserId,
        @Nullable String phone,
        String email,
        String firstName,
        String lastName,
        @Nullable String profileImageUrl,
        boolean isActive,
        String provisioningStatus,
        Instant provisioningSubmittedAt,
        Instant estimatedReadyAt,
        boolean provisioningOverdue,
        @Nullable Instant provisionedAt,
        @Nullable String failureReason,
        String billingType,
        int dailyNewConversationsLimit,
        int dailyTotalMessagesLimit,
        @Nullable Usage usage,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public static LineView of(LineDocument line, Instant now) {
        return new LineView(
                line.id().toHexString(),
                line.workspaceId(),
                line.createdByUserId(),
                line.createdUserId(),
                line.phone(),
                line.email(),
                line.firstName(),
                line.lastName(),
                line.profileImageUrl(),
                line.isActive(),
                line.provisioningStatus().name(),
                line.provisioningSubmittedAt(),
                line.estimatedReadyAt(),
                line.provisioningStatus() == ProvisioningStatus.provisioning && now.isAfter(line.estimatedReadyAt()),
                line.provisionedAt(),
                line.failureReason(),
                line.billingType().name(),
                line.dailyNewConversationsLimit(),
                line.dailyTotalMessagesLimit(),
                Usage.of(line.usage()),
                line.createdAt(),
                line.updatedAt(),
                line.version());
    }

    /** Today's consumption, for the day {@code date} (ISO {@code YYYY-MM-DD} in the workspace's zone). */
    public record Usage(String date, int newConversationsCount, int totalMessagesCount) {

        static @Nullable Usage of(LineDocument.@Nullable Usage usage) {
            return usage == null
                    ? null
                    : new Usage(usage.date(), usage.newConversationsCount(), usage.totalMessagesCount());
        }
    }
}
