package io.leadsuite.lines.line;

import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The organization's line counters as buying and ending lines use them; the organization side keeps
 * them exact without transactions (ADR 9: every change is an intent settled once the line agrees).
 */
public interface LineSlots {

    /**
     * Takes a free slot if one is left, otherwise a paid one, for a line about to be inserted; returns
     * which. With a purchase's {@code idempotencyKey}, completes empty instead while another request
     * with the same key holds a slot.
     */
    Mono<BillingType> hold(String workspaceId, ObjectId lineId, @Nullable String idempotencyKey);

    /** Gives back a slot taken by {@link #hold} whose line was never inserted; exactly once. */
    Mono<Boolean> undoHold(String workspaceId, ObjectId lineId, BillingType billingType);

    /** Removes a line's intent once the line reflects it. */
    Mono<Void> settle(String workspaceId, ObjectId lineId);

    /**
     * Gives back the slot of a line that owes one ({@code releaseOwedAt}); a no-op when another release
     * is under way or the slot is already back. Completes with {@code true} when this call released it.
     */
    Mono<Boolean> release(ObjectId lineId);
}
