package io.leadsuite.lines.provisioning;

import org.jspecify.annotations.Nullable;

/**
 * What a carrier needs to provision a line.
 *
 * @param phone the number asked for, or {@code null} for the carrier to assign one
 */
public record LineOrder(
        String lineId,
        String workspaceId,
        String requestedByUserId,
        @Nullable String phone,
        String firstName,
        String lastName,
        String email) {}
