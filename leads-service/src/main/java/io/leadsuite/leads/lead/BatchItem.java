package io.leadsuite.leads.lead;

import io.leadsuite.common.web.FieldViolation;
import java.util.List;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * What became of one input of a batch (in a dry run: what would).
 *
 * @param index the input's position in the batch
 * @param ref the caller's reference of the input, if it had one
 * @param leadId the lead it is stored as or merged into; {@code null} in a dry run for a lead not yet stored
 * @param violations why it was refused, for {@code INVALID} and {@code CONFLICT}
 * @param conflictField for a conflict: the unique field another lead already has
 * @param existingLeadId for a conflict: that lead ({@code null} in a dry run if it is not yet stored)
 * @param existingIndex for a conflict with, or a merge into, a lead an earlier input of the batch creates:
 *     that input's index
 */
record BatchItem(
        int index,
        @Nullable String ref,
        Status status,
        @Nullable String leadId,
        List<FieldViolation> violations,
        @Nullable String conflictField,
        @Nullable String existingLeadId,
        @Nullable Integer existingIndex) {

    /** What became of an input. */
    enum Status {
        /** Stored as a new lead (now, or by an earlier try of its ref). */
        STORED,
        /** Merged into the lead it duplicates. */
        UPDATED,
        /** Refused by the rules. */
        INVALID,
        /** Refused because another lead has one of its unique values. */
        CONFLICT
    }

    static BatchItem stored(int index, @Nullable String ref, @Nullable ObjectId leadId) {
        return new BatchItem(index, ref, Status.STORED, hex(leadId), List.of(), null, null, null);
    }

    static BatchItem updated(int index, @Nullable String ref, ObjectId leadId) {
        return new BatchItem(index, ref, Status.UPDATED, leadId.toHexString(), List.of(), null, null, null);
    }

    static BatchItem invalid(int index, @Nullable String ref, List<FieldViolation> violations) {
        return new BatchItem(index, ref, Status.INVALID, null, violations, null, null, null);
    }

    static BatchItem conflict(
            int index,
            @Nullable String ref,
            String field,
            @Nullable String existingLeadId,
            @Nullable Integer existingIndex,
            String message) {
        return new BatchItem(
                index,
                ref,
                Status.CONFLICT,
                null,
                List.of(new FieldViolation(field, message)),
                field,
                existingLeadId,
                existingIndex);
    }

    /** The same answer for another input (one that shares the fate of this one). */
    BatchItem at(int otherIndex, @Nullable String otherRef) {
        return new BatchItem(
                otherIndex, otherRef, status, leadId, violations, conflictField, existingLeadId, existingIndex);
    }

    /**
     * The answer of another input merged into the lead this one creates: {@code UPDATED} into that lead
     * when it is stored, this input's answer otherwise.
     */
    BatchItem mergedAt(int otherIndex, @Nullable String otherRef) {
        return status == Status.STORED
                ? new BatchItem(otherIndex, otherRef, Status.UPDATED, leadId, List.of(), null, null, index)
                : at(otherIndex, otherRef);
    }

    private static @Nullable String hex(@Nullable ObjectId id) {
        return id == null ? null : id.toHexString();
    }
}
