package io.leadsuite.leads.lead;

import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.Problems;
import io.leadsuite.leads.model.Actor;
import io.leadsuite.leads.model.LeadInput;
import io.leadsuite.leads.model.LeadSources;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Create, read, change and delete one lead, and change many at once. Listing is {@code search}. */
@RestController
@RequestMapping("/api/leads")
class LeadController {

    private final CreateLeads creates;
    private final ChangeLead changes;
    private final BulkLeadChanges bulk;
    private final LeadReader reader;

    LeadController(CreateLeads creates, ChangeLead changes, BulkLeadChanges bulk, LeadReader reader) {
        this.creates = creates;
        this.changes = changes;
        this.bulk = bulk;
        this.reader = reader;
    }

    @PostMapping
    Mono<ResponseEntity<LeadView>> create(Tenant tenant, @RequestBody LeadInput body) {
        return creates.create(Actor.user(tenant.userId()), tenant, body, LeadSources.MANUAL)
                .map(LeadView::of)
                .map(lead -> ResponseEntity.created(URI.create("/api/leads/" + lead.id()))
                        .eTag(lead.etag())
                        .body(lead));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<LeadView>> get(Tenant tenant, @PathVariable String id) {
        return reader.get(tenant, id)
                .map(LeadView::of)
                .map(lead -> ResponseEntity.ok().eTag(lead.etag()).body(lead));
    }

    /**
     * Changes the fields present in the body (JSON Merge Patch: {@code null} clears a field;
     * {@code customFields} and {@code integrationIds} merge per entry). With {@code If-Match}, only if
     * the lead is still at that version (412 otherwise).
     */
    @PatchMapping(
            value = "/{id}",
            consumes = {"application/json", "application/merge-patch+json"})
    Mono<ResponseEntity<LeadView>> update(
            Tenant tenant,
            @PathVariable String id,
            @RequestBody Map<String, @Nullable Object> patch,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        return changes.update(Actor.user(tenant.userId()), tenant, id, patch, version(ifMatch))
                .map(LeadView::of)
                .map(lead -> ResponseEntity.ok().eTag(lead.etag()).body(lead));
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(Tenant tenant, @PathVariable String id) {
        return changes.delete(Actor.user(tenant.userId()), tenant, id)
                .thenReturn(ResponseEntity.noContent().build());
    }

    /** Deletes up to 1000 of the caller's leads; ids that are not the caller's are listed, not deleted. */
    @PostMapping("/bulk-delete")
    Mono<BulkChangeView> deleteMany(Tenant tenant, @Valid @RequestBody BulkDelete body) {
        return bulk.deleteAll(Actor.user(tenant.userId()), tenant, body.ids()).map(BulkChangeView::of);
    }

    /** Moves up to 1000 of the caller's leads into a list, or out of any list with {@code "listId": null}. */
    @PostMapping("/bulk-move")
    Mono<BulkChangeView> moveMany(Tenant tenant, @Valid @RequestBody BulkMove body) {
        return bulk.moveAll(Actor.user(tenant.userId()), tenant, body.ids(), body.listId())
                .map(BulkChangeView::of);
    }

    record BulkDelete(
            @NotNull @Size(min = 1, max = BulkLeadChanges.MAX_BULK)
            List<String> ids) {}

    record BulkMove(
            @NotNull @Size(min = 1, max = BulkLeadChanges.MAX_BULK)
            List<String> ids,

            @Nullable String listId) {}

    private static @Nullable Long version(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String tag = ifMatch.strip().replace("W/", "").replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException notOurs) {
            throw Problems.invalid("If-Match", "must be an ETag this API returned, e.g. \"3\"");
        }
    }
}
