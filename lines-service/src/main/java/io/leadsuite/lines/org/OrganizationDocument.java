package io.leadsuite.lines.org;

import io.leadsuite.lines.line.BillingType;
import java.time.Instant;
import java.util.List;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The line counters of an organization in the shared {@code organizations} collection. Other fields of
 * the document belong to others: lines-service only ever updates its own fields, never replaces the
 * document. {@code totalLinesCount} is always {@code freeLinesUsed + totalLinesPurchased}, changed by
 * the same update.
 *
 * @param slotIntents counter changes made but not yet settled on their line (see {@link SlotLedger})
 * @param timeZone the IANA zone whose midnight starts a new day of line usage
 */
@Document(OrganizationDocument.COLLECTION)
public record OrganizationDocument(
        @Id ObjectId id,
        String clerkOrgId,
        int freeLinesIncluded,
        int freeLinesUsed,
        int totalLinesPurchased,
        int totalLinesCount,
        String timeZone,
        @Nullable List<SlotIntent> slotIntents,
        Instant createdAt,
        Instant updatedAt) {

    public static final String COLLECTION = "organizations";

    /**
     * A counter change for one line: {@code hold} took a slot for a line being bought, {@code release}
     * gave one back for a line that failed or was deleted. {@code token} is, for a release, the
     * releaser's claim on the line; for a hold, the purchase's {@code Idempotency-Key} (if any).
     */
    public record SlotIntent(
            ObjectId lineId,
            Op op,
            BillingType billingType,
            @Nullable String token,
            Instant at) {

        /** The change an intent makes; named as stored ({@code op}: {@code hold}, {@code release}). */
        public enum Op {
            hold,
            release
        }
    }
}
