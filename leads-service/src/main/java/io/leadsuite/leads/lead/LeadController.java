package io.leadsuite.leads.lead;

import io.leadsuite.common.openapi.ApiTags;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.Problems;
import io.leadsuite.leads.model.Actor;
import io.leadsuite.leads.model.LeadInput;
import io.leadsuite.leads.model.LeadSources;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = ApiTags.LEADS, description = ApiTags.LEADS_DESCRIPTION)
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

    @Operation(
            summary = "Create a lead",
            description = "firstName, lastName, email and phone are required; email is unique among the"
                    + " caller's leads. The answer's ETag is the lead's version, for If-Match.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = LeadInput.class),
                            examples = @ExampleObject(name = "John Doe", value = LeadApiDocs.NEW_LEAD)))
    @ApiResponse(
            responseCode = "201",
            description = "Created",
            headers = {
                @Header(name = "Location", description = "The new lead's URL", schema = @Schema(type = "string")),
                @Header(name = "ETag", description = "The lead's version", schema = @Schema(type = "string"))
            },
            content =
                    @Content(
                            schema = @Schema(implementation = LeadView.class),
                            examples = @ExampleObject(name = "John Doe", value = LeadApiDocs.LEAD)))
    @ApiResponse(
            responseCode = "400",
            description = "Invalid fields (each listed under errors), or listId is not one of the caller's lists")
    @ApiResponse(
            responseCode = "409",
            description = "Another of the caller's leads has this email or integration id (named by field and"
                    + " existingLeadId)",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            examples = @ExampleObject(name = "Duplicate email", value = LeadApiDocs.DUPLICATE)))
    @PostMapping
    Mono<ResponseEntity<LeadView>> create(Tenant tenant, @RequestBody LeadInput body) {
        return creates.create(Actor.user(tenant.userId()), tenant, body, LeadSources.MANUAL)
                .map(LeadView::of)
                .map(lead -> ResponseEntity.created(URI.create("/api/leads/" + lead.id()))
                        .eTag(lead.etag())
                        .body(lead));
    }

    @Operation(summary = "Get a lead")
    @ApiResponse(
            responseCode = "200",
            description = "The lead; its ETag is the lead's version",
            headers = @Header(name = "ETag", description = "The lead's version", schema = @Schema(type = "string")),
            content =
                    @Content(
                            schema = @Schema(implementation = LeadView.class),
                            examples = @ExampleObject(name = "John Doe", value = LeadApiDocs.LEAD)))
    @ApiResponse(responseCode = "404", description = "No lead of the caller's has this id")
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
    @Operation(
            summary = "Change a lead",
            description = "JSON Merge Patch: the fields present are set, null clears a field; customFields and"
                    + " integrationIds merge per entry. With If-Match, only if the lead is still at that version.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = LeadInput.class),
                            examples = @ExampleObject(name = "New job, no notes", value = LeadApiDocs.PATCH)))
    @ApiResponse(
            responseCode = "200",
            description = "The changed lead",
            headers = @Header(name = "ETag", description = "The lead's version", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = LeadView.class)))
    @ApiResponse(
            responseCode = "400",
            description = "Invalid or read-only fields (each listed under errors), an unknown listId, or an"
                    + " If-Match that is not an ETag of this API")
    @ApiResponse(responseCode = "404", description = "No lead of the caller's has this id")
    @ApiResponse(
            responseCode = "409",
            description = "Another of the caller's leads has this email or integration id, or others are changing"
                    + " the lead at the same time")
    @ApiResponse(
            responseCode = "412",
            description = "If-Match is not the lead's version any more (the answer names currentVersion)",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            examples = @ExampleObject(name = "Changed meanwhile", value = LeadApiDocs.STALE)))
    @PatchMapping(
            value = "/{id}",
            consumes = {"application/json", "application/merge-patch+json"})
    Mono<ResponseEntity<LeadView>> update(
            Tenant tenant,
            @PathVariable String id,
            @RequestBody Map<String, @Nullable Object> patch,
            @Parameter(
                            description =
                                    "The lead's ETag as last read, e.g. \"3\": change it only if still at that version")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    @Nullable
                    String ifMatch) {
        return changes.update(Actor.user(tenant.userId()), tenant, id, patch, version(ifMatch))
                .map(LeadView::of)
                .map(lead -> ResponseEntity.ok().eTag(lead.etag()).body(lead));
    }

    @Operation(summary = "Delete a lead", description = "Its audit trail stays readable.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No lead of the caller's has this id")
    @ApiResponse(responseCode = "409", description = "Others are changing the lead at the same time; try again")
    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(Tenant tenant, @PathVariable String id) {
        return changes.delete(Actor.user(tenant.userId()), tenant, id)
                .thenReturn(ResponseEntity.noContent().build());
    }

    /** Deletes up to 1000 of the caller's leads; ids that are not the caller's are listed, not deleted. */
    @Operation(
            summary = "Delete many leads",
            description = "Up to 1000 ids; ids that are not the caller's leads are listed under notFound.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(examples = @ExampleObject(name = "Two leads", value = LeadApiDocs.BULK_DELETE)))
    @ApiResponse(
            responseCode = "200",
            description = "What was deleted",
            content =
                    @Content(
                            schema = @Schema(implementation = BulkChangeView.class),
                            examples = @ExampleObject(name = "One deleted", value = LeadApiDocs.BULK_RESULT)))
    @ApiResponse(responseCode = "400", description = "ids is missing, empty or has more than 1000 entries")
    @PostMapping("/bulk-delete")
    Mono<BulkChangeView> deleteMany(Tenant tenant, @Valid @RequestBody BulkDelete body) {
        return bulk.deleteAll(Actor.user(tenant.userId()), tenant, body.ids()).map(BulkChangeView::of);
    }

    /** Moves up to 1000 of the caller's leads into a list, or out of any list with {@code "listId": null}. */
    @Operation(
            summary = "Move many leads into a list",
            description = "Up to 1000 ids; \"listId\": null takes them out of any list. Ids that are not the"
                    + " caller's leads are listed under notFound.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(examples = @ExampleObject(name = "Into a list", value = LeadApiDocs.BULK_MOVE)))
    @ApiResponse(
            responseCode = "200",
            description = "What was moved",
            content =
                    @Content(
                            schema = @Schema(implementation = BulkChangeView.class),
                            examples = @ExampleObject(name = "One moved", value = LeadApiDocs.BULK_RESULT)))
    @ApiResponse(
            responseCode = "400",
            description = "ids is missing, empty or has more than 1000 entries, or listId is not one of the"
                    + " caller's lists")
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
