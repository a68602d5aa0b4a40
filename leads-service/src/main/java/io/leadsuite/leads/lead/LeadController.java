package io.leadsuite.leads.lead;

import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.CursorPage;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/leads")
class LeadController {

    private final LeadService leads;

    LeadController(LeadService leads) {
        this.leads = leads;
    }

    @PostMapping
    Mono<ResponseEntity<LeadView>> create(Tenant tenant, @Valid @RequestBody NewLead body) {
        return leads.create(tenant, body)
                .map(LeadView::of)
                .map(view -> ResponseEntity.created(URI.create("/api/leads/" + view.id()))
                        .body(view));
    }

    @GetMapping("/{id}")
    Mono<LeadView> get(Tenant tenant, @PathVariable String id) {
        return leads.get(tenant, id).map(LeadView::of);
    }

    /** The caller's leads, newest first, one keyset page at a time. */
    @GetMapping
    Mono<CursorPage<LeadView>> list(
            Tenant tenant,
            @RequestParam(name = "limit", defaultValue = "50") @Min(1) @Max(200) int limit,
            @RequestParam(name = "cursor", required = false) @Nullable String cursor) {
        LeadCursor after = cursor == null || cursor.isBlank() ? null : LeadCursor.decode(cursor);
        return leads.list(tenant, after, limit).map(page -> page.map(LeadView::of));
    }
}
