package io.leadsuite.lines.line;

import org.jspecify.annotations.Nullable;

/**
 * The profile of a line to buy. {@code email}, {@code firstName} and {@code lastName} are required;
 * {@code phone} may be left for the carrier to assign; {@code createdUserId} assigns the line to a user.
 */
public record NewLine(
        @Nullable String phone,
        @Nullable String email,
        @Nullable String firstName,
        @Nullable String lastName,
        @Nullable String profileImageUrl,
        @Nullable String createdUserId) {}
