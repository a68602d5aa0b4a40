package io.leadsuite.lists.list;

import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.CursorPage;
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

    @PostMapping
    Mono<ResponseEntity<ListView>> create(Tenant tenant, @RequestBody NewList body) {
        return writer.create(tenant, body.name(), body.description())
                .map(ListView::of)
                .map(list -> ResponseEntity.created(URI.create("/api/lists/" + list.id()))
                        .body(list));
    }

    @GetMapping("/{id}")
    Mono<ListView> get(Tenant tenant, @PathVariable String id) {
        return writer.find(tenant, id).map(ListView::of);
    }

    /** Renames the list or changes its description (JSON Merge Patch; {@code description: null} clears it). */
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
    @DeleteMapping("/{id}")
    Mono<Deleted> delete(
            Tenant tenant,
            @PathVariable String id,
            @RequestParam(name = "deleteLeads", defaultValue = "false") boolean deleteLeads) {
        return writer.delete(tenant, id, deleteLeads)
                .map(list -> new Deleted(
                        list.id().toHexString(), list.name(), list.leadCount(), deleteLeads ? "deleted" : "detached"));
    }

    /**
     * The caller's lists, each with its {@code leadCount}, newest first ({@code sort=-createdAt}) or by
     * name ({@code sort=name}), optionally those whose name contains {@code q} (any case), one keyset page
     * at a time.
     */
    @GetMapping
    Mono<CursorPage<ListView>> list(
            Tenant tenant,
            @RequestParam(name = "q", required = false) @Nullable String q,
            @RequestParam(name = "sort", defaultValue = "-createdAt") String sort,
            @RequestParam(name = "limit", defaultValue = "50") @Min(1) @Max(200) int limit,
            @RequestParam(name = "cursor", required = false) @Nullable String cursor) {
        return search.page(tenant, q, sort, cursor, limit).map(page -> page.map(ListView::of));
    }
}
