package io.leadsuite.lists.list;

import io.leadsuite.common.openapi.ApiTags;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.CursorPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/lists")
@Tag(name = ApiTags.LISTS, description = ApiTags.LISTS_DESCRIPTION)
class ListController {

    private final ListWriter writer;
    private final ListSearch search;

    ListController(ListWriter writer, ListSearch search) {
        this.writer = writer;
        this.search = search;
    }

    record NewList(@Nullable String name, @Nullable String description) {}

    /** What deleting a list did: it is gone, and its leads are being taken out of it or deleted. */
    record Deleted(String id, String name, long leadCount, String leads) {}

    @Operation(
            summary = "Create a list",
            description = "The name is required and unique among the caller's lists, regardless of case.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = NewList.class),
                            examples = @ExampleObject(name = "Acme Corp contacts", value = ListApiDocs.NEW_LIST)))
    @ApiResponse(
            responseCode = "201",
            description = "Created",
            headers = @Header(name = "Location", description = "The new list's URL", schema = @Schema(type = "string")),
            content =
                    @Content(
                            schema = @Schema(implementation = ListView.class),
                            examples = @ExampleObject(name = "Acme Corp contacts", value = ListApiDocs.LIST)))
    @ApiResponse(
            responseCode = "400",
            description = "The name is missing or too long, or the description too long (each listed under errors)")
    @ApiResponse(
            responseCode = "409",
            description = "The caller already has a list of this name (named by existingListId)",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            examples = @ExampleObject(name = "Name taken", value = ListApiDocs.NAME_TAKEN)))
    @PostMapping
    Mono<ResponseEntity<ListView>> create(Tenant tenant, @RequestBody NewList body) {
        return writer.create(tenant, body.name(), body.description())
                .map(ListView::of)
                .map(list -> ResponseEntity.created(URI.create("/api/lists/" + list.id()))
                        .body(list));
    }

    @Operation(summary = "Get a list", description = "With its leadCount, which follows lead changes within moments.")
    @ApiResponse(
            responseCode = "200",
            description = "The list",
            content =
                    @Content(
                            schema = @Schema(implementation = ListView.class),
                            examples = @ExampleObject(name = "Acme Corp contacts", value = ListApiDocs.LIST)))
    @ApiResponse(responseCode = "404", description = "No list of the caller's has this id")
    @GetMapping("/{id}")
    Mono<ListView> get(Tenant tenant, @PathVariable String id) {
        return writer.find(tenant, id).map(ListView::of);
    }

    /** Renames the list or changes its description (JSON Merge Patch; {@code description: null} clears it). */
    @Operation(
            summary = "Rename a list or change its description",
            description = "JSON Merge Patch of name and description; description: null clears it.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = ListApiDocs.ListMergePatch.class),
                            examples = @ExampleObject(name = "Rename", value = ListApiDocs.PATCH)))
    @ApiResponse(
            responseCode = "200",
            description = "The changed list",
            content = @Content(schema = @Schema(implementation = ListView.class)))
    @ApiResponse(
            responseCode = "400",
            description =
                    "Fields that cannot be changed, or an invalid name or description (each listed under" + " errors)")
    @ApiResponse(responseCode = "404", description = "No list of the caller's has this id")
    @ApiResponse(
            responseCode = "409",
            description =
                    "The caller already has a list of this name, or others are changing the list at the same" + " time")
    @PatchMapping(
            value = "/{id}",
            consumes = {"application/json", "application/merge-patch+json"})
    Mono<ListView> update(Tenant tenant, @PathVariable String id, @RequestBody Map<String, @Nullable Object> patch) {
        return writer.update(tenant, id, patch).map(ListView::of);
    }

    /**
     * Deletes the list. Its leads are taken out of it ({@code leads: "detached"}), or deleted with
     * {@code ?deleteLeads=true} ({@code leads: "deleted"}); leads-service does that within moments of
     * the list's {@code ListDeleted} event.
     */
    @Operation(
            summary = "Delete a list",
            description = "Its leads are taken out of it (leads: detached), or deleted with deleteLeads=true"
                    + " (leads: deleted), within moments.")
    @ApiResponse(
            responseCode = "200",
            description = "The deleted list, and what happens to its leads",
            content =
                    @Content(
                            schema = @Schema(implementation = Deleted.class),
                            examples = @ExampleObject(name = "Leads detached", value = ListApiDocs.DELETED)))
    @ApiResponse(responseCode = "404", description = "No list of the caller's has this id")
    @ApiResponse(responseCode = "409", description = "Others are changing the list at the same time; try again")
    @DeleteMapping("/{id}")
    Mono<Deleted> delete(
            Tenant tenant,
            @PathVariable String id,
            @Parameter(description = "Also delete the list's leads, instead of taking them out of it")
                    @RequestParam(name = "deleteLeads", defaultValue = "false")
                    boolean deleteLeads) {
        return writer.delete(tenant, id, deleteLeads)
                .map(list -> new Deleted(
                        list.id().toHexString(), list.name(), list.leadCount(), deleteLeads ? "deleted" : "detached"));
    }

    /**
     * The caller's lists, each with its {@code leadCount}, newest first ({@code sort=-createdAt}) or by
     * name ({@code sort=name}), optionally those whose name contains {@code q} (any case), one keyset page
     * at a time.
     */
    @Operation(
            summary = "List lists",
            description = "The caller's lists with their leadCount, newest first (sort=-createdAt) or by name"
                    + " (sort=name), optionally those whose name contains q (any case), one keyset page at a"
                    + " time: pass nextCursor back as cursor.")
    @ApiResponse(
            responseCode = "200",
            description = "A page of lists",
            content =
                    @Content(
                            schema = @Schema(ref = "#/components/schemas/CursorPageListView"),
                            examples = @ExampleObject(name = "One list", value = ListApiDocs.PAGE)))
    @ApiResponse(responseCode = "400", description = "q, sort, limit or cursor is invalid (each listed under errors)")
    @GetMapping
    Mono<CursorPage<ListView>> list(
            Tenant tenant,
            @RequestParam(name = "q", required = false) @Nullable String q,
            @Parameter(
                            schema =
                                    @Schema(
                                            allowableValues = {"-createdAt", "name"},
                                            defaultValue = "-createdAt"))
                    @RequestParam(name = "sort", defaultValue = "-createdAt")
                    String sort,
            @RequestParam(name = "limit", defaultValue = "50") @Min(1) @Max(200) int limit,
            @RequestParam(name = "cursor", required = false) @Nullable String cursor) {
        return search.page(tenant, q, sort, cursor, limit).map(page -> page.map(ListView::of));
    }
}
