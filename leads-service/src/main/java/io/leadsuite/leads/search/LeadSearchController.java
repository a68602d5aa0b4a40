package io.leadsuite.leads.search;

import io.leadsuite.common.security.Tenant;
import io.leadsuite.leads.lead.LeadView;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/leads")
class LeadSearchController {

    private final LeadSearch search;

    LeadSearchController(LeadSearch search) {
        this.search = search;
    }

    /** A page of leads and the cursor of the next one. */
    record LeadPage(
            List<LeadView> items,
            @Nullable String nextCursor,
            @Nullable Long total) {}

    /**
     * The caller's leads, filtered, searched and sorted (see {@link LeadQuery}), one keyset page at a
     * time: pass {@code nextCursor} back as {@code cursor} with the same filters. {@code
     * includeTotal=true} adds the number of matching leads.
     */
    @GetMapping
    Mono<LeadPage> list(
            Tenant tenant,
            @RequestParam(name = "limit", defaultValue = "50") @Min(1) @Max(200) int limit,
            @RequestParam(name = "cursor", required = false) @Nullable String cursor,
            @RequestParam(name = "includeTotal", defaultValue = "false") boolean includeTotal,
            @RequestParam MultiValueMap<String, String> parameters) {
        LeadQuery query = LeadQuery.from(parameters);
        LeadCursor after = cursor == null || cursor.isBlank() ? null : LeadCursor.decode(cursor, query.sort());
        return search.page(tenant, query, after, limit, includeTotal)
                .map(result -> new LeadPage(
                        result.page().items().stream().map(LeadView::of).toList(),
                        result.page().nextCursor(),
                        result.total()));
    }
}
