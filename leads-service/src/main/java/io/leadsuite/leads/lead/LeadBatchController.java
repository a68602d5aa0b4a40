package io.leadsuite.leads.lead;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.FieldViolation;
import io.leadsuite.common.web.Problems;
import io.leadsuite.leads.model.Actor;
import io.leadsuite.leads.model.LeadInput;
import io.leadsuite.leads.model.LeadSources;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The service-to-service batch write of leads ({@code X-Internal-Token}): the import worker stores an
 * import's rows through it, with the same validation, dedupe, list check and events as the public API.
 * Up to {@value BulkLeadChanges#MAX_BULK} leads of one user, one actor and one source per call; the
 * answer has one item per lead, in order.
 *
 * <p>A lead whose email or integration id a stored lead, or an earlier lead of the same batch, already
 * has is a duplicate of that lead. With {@code duplicatePolicy: "skip"} (the default) it is a {@code
 * conflict} naming the field and the lead. With {@code "update"} it is merged into that lead as a PATCH
 * would change it (the same rules and {@code LeadUpdated} event): its present, non-blank standard fields
 * and list replace the lead's, its custom fields and integration ids are added entry by entry, nothing is
 * cleared; the item is {@code updated}, with the lead's id. A merge that would make the lead invalid, or
 * give it a unique value of a third lead, is {@code invalid} or a {@code conflict}, and changes nothing.
 *
 * <p>With {@code dryRun: true} nothing is written (no lead, audit entry, event or ref), and each item
 * answers what the batch would do: {@code stored} (without a {@code leadId}), {@code updated}, {@code
 * invalid} or {@code conflict}, with the same checks against stored leads and earlier leads of the batch.
 *
 * <p>A retried batch is safe when its leads carry a {@code ref}: a lead stored by an earlier try answers
 * {@code stored} again, with the same lead id; a duplicate merged by an earlier try merges equal values
 * again, which changes nothing and publishes nothing.
 */
@RestController
class LeadBatchController {

    static final int MAX_REF = 200;

    private final StoreLeadBatch batches;

    LeadBatchController(StoreLeadBatch batches) {
        this.batches = batches;
    }

    /**
     * @param userId whose leads these are
     * @param workspaceId the user's active organization, if the import was started in one (for events)
     * @param actor who stores them: {@code import:<jobId>}, {@code system:<reason>} or {@code user:<id>}
     * @param source where they come from: one of {@link LeadSources#ALL}
     * @param duplicatePolicy {@code skip} (the default) or {@code update}: whether a duplicate of another
     *     lead is a conflict or is merged into that lead
     * @param dryRun {@code true}: write nothing, only answer what the batch would do (default {@code false})
     */
    record BatchRequest(
            @NotBlank String userId,
            @Nullable String workspaceId,

            @NotNull @Pattern(regexp = "(import|system|user):[\\x21-\\x7e]{1,200}")
            String actor,

            @NotNull String source,

            @NotNull @Size(min = 1, max = BulkLeadChanges.MAX_BULK)
            List<@NotNull @Valid BatchLead> leads,

            @Nullable @Pattern(regexp = "skip|update") String duplicatePolicy,

            @Nullable Boolean dryRun) {

        StoreLeadBatch.DuplicatePolicy duplicates() {
            return "update".equals(duplicatePolicy)
                    ? StoreLeadBatch.DuplicatePolicy.UPDATE
                    : StoreLeadBatch.DuplicatePolicy.SKIP;
        }

        boolean isDryRun() {
            return Boolean.TRUE.equals(dryRun);
        }
    }

    /**
     * One lead of a batch, as the public API takes it, with the caller's reference.
     *
     * @param ref what the caller calls this lead (an import uses its job id and row number); unique per
     *     user: a later batch with the same ref answers with the lead stored for it
     */
    record BatchLead(
            @Nullable @Size(min = 1, max = MAX_REF) String ref,
            @JsonUnwrapped LeadInput lead) {

        StoreLeadBatch.BatchInput input() {
            return new StoreLeadBatch.BatchInput(ref, lead);
        }
    }

    /**
     * What became of each lead: {@code stored}, {@code updated} (merged into the lead it duplicates),
     * {@code invalid}, or a {@code conflict} with another lead.
     */
    enum Status {
        @JsonProperty("stored")
        STORED,
        @JsonProperty("updated")
        UPDATED,
        @JsonProperty("invalid")
        INVALID,
        @JsonProperty("conflict")
        CONFLICT;

        static Status of(BatchItem.Status status) {
            return switch (status) {
                case STORED -> STORED;
                case UPDATED -> UPDATED;
                case INVALID -> INVALID;
                case CONFLICT -> CONFLICT;
            };
        }
    }

    /**
     * @param index the lead's position in the request
     * @param leadId the stored lead, when {@code stored} ({@code null} in a dry run, unless an earlier try
     *     stored it); the lead it was merged into, when {@code updated}
     * @param conflictField for a conflict: the unique field that another lead already has
     * @param existingLeadId for a conflict: that lead ({@code null} in a dry run when it is an earlier lead
     *     of the batch, not stored yet)
     * @param existingIndex for a conflict with, or an update of, the lead an earlier lead of the same batch
     *     is stored as: the index of that earlier lead
     */
    record BatchItemView(
            int index,
            @Nullable String ref,
            Status status,
            @Nullable String leadId,
            List<FieldViolation> violations,
            @Nullable String conflictField,
            @Nullable String existingLeadId,
            @Nullable Integer existingIndex) {

        static BatchItemView of(BatchItem item) {
            return new BatchItemView(
                    item.index(),
                    item.ref(),
                    Status.of(item.status()),
                    item.leadId(),
                    item.violations(),
                    item.conflictField(),
                    item.existingLeadId(),
                    item.existingIndex());
        }
    }

    /**
     * The batch's answer: whether it was a dry run, how many leads were stored (now or by an earlier try),
     * how many were merged into the leads they duplicate, how many were refused, and each lead's item; in a
     * dry run, what would be.
     */
    record BatchResponse(boolean dryRun, int stored, int updated, int rejected, List<BatchItemView> items) {}

    @PostMapping("/internal/leads/batches")
    Mono<BatchResponse> store(@Valid @RequestBody BatchRequest batch) {
        if (!LeadSources.ALL.contains(batch.source())) {
            return Mono.error(Problems.invalid("source", "must be one of " + String.join(", ", LeadSources.ALL)));
        }
        Tenant tenant = new Tenant(batch.userId(), batch.workspaceId(), null);
        List<StoreLeadBatch.BatchInput> inputs =
                batch.leads().stream().map(BatchLead::input).toList();
        return batches.store(new StoreLeadBatch.Batch(
                        new Actor(batch.actor()), tenant, batch.source(), batch.duplicates(), batch.isDryRun(), inputs))
                .map(items -> {
                    List<BatchItemView> views =
                            items.stream().map(BatchItemView::of).toList();
                    int stored = count(views, Status.STORED);
                    int updated = count(views, Status.UPDATED);
                    return new BatchResponse(batch.isDryRun(), stored, updated, views.size() - stored - updated, views);
                });
    }

    private static int count(List<BatchItemView> items, Status status) {
        return (int) items.stream().filter(item -> item.status() == status).count();
    }
}
