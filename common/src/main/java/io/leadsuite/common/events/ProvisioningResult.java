package io.leadsuite.common.events;

import org.jspecify.annotations.Nullable;

/**
 * The {@code data} of an event on {@link Topics#PROVISIONING_RESULTS} ({@code LineProvisioned} or
 * {@code LineProvisioningFailed}): what a carrier made of a line order.
 *
 * @param lineId the line ordered (also the record key)
 * @param status {@code active} or {@code failed}
 * @param phone the number the carrier assigned, when the order did not name one
 * @param reason why it failed
 */
public record ProvisioningResult(
        String lineId,
        String status,
        @Nullable String phone,
        @Nullable String reason) {

    public static final String PROVISIONED = "LineProvisioned";
    public static final String FAILED = "LineProvisioningFailed";
    public static final String ACTIVE = "active";
    public static final String FAILED_STATUS = "failed";
}
