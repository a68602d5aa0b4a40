package io.leadsuite.leads.search;

import io.leadsuite.common.openapi.ApiTags;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.leads.lead.LeadApiDocs;
import io.leadsuite.leads.lead.LeadView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = ApiTags.LEADS, description = ApiTags.LEADS_DESCRIPTION)
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
    @Operation(
            summary = "List and search leads",
            description = "Filtered, searched and sorted, one keyset page at a time: pass nextCursor back as"
                    + " cursor with the same filters and sort. includeTotal=true adds the number of matching"
                    + " leads.")
    @LeadQueryParameters
    @ApiResponse(
            responseCode = "200",
            description = "A page of leads",
            content =
                    @Content(
                            schema = @Schema(implementation = LeadPage.class),
                            examples = @ExampleObject(name = "First page", value = LeadApiDocs.PAGE)))
    @ApiResponse(
            responseCode = "400",
            description = "A filter, limit or cursor is invalid (each listed under errors), or the cursor was"
                    + " returned for another sort")
    @GetMapping
    Mono<LeadPage> list(
            Tenant tenant,
            @RequestParam(name = "limit", defaultValue = "50") @Min(1) @Max(200) int limit,
            @RequestParam(name = "cursor", required = false) @Nullable String cursor,
            @RequestParam(name = "includeTotal", defaultValue = "false") boolean includeTotal,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) {
        LeadQuery query = LeadQuery.from(parameters);
        LeadCursor after = cursor == null || cursor.isBlank() ? null : LeadCursor.decode(cursor, query.sort());
        return search.page(tenant, query, after, limit, includeTotal)
                .map(result -> new LeadPage(
                        result.page().items().stream().map(LeadView::of).toList(),
                        result.page().nextCursor(),
                        result.total()));
    }
}
