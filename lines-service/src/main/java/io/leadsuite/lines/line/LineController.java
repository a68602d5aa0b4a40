package io.leadsuite.lines.line;

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
import java.time.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The workspace's sending lines. Every call needs a session with an active organization. */
@RestController
@RequestMapping("/api/lines")
@Tag(name = ApiTags.LINES, description = ApiTags.LINES_DESCRIPTION)
class LineController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private final PurchaseLineHandler purchases;
    private final UpdateLineHandler updates;
    private final DeleteLineHandler deletions;
    private final LineReader reader;
    private final LineSearch search;
    private final Clock clock;

    LineController(
            PurchaseLineHandler purchases,
            UpdateLineHandler updates,
            DeleteLineHandler deletions,
            LineReader reader,
            LineSearch search,
            Clock clock) {
        this.purchases = purchases;
        this.updates = updates;
        this.deletions = deletions;
        this.reader = reader;
        this.search = search;
        this.clock = clock;
    }

    /**
     * Buys a line ({@code phone}, {@code email}, {@code firstName}, {@code lastName}, {@code
     * profileImageUrl}, {@code createdUserId}); {@code phone} may be left for the carrier to assign. The
     * line is free while the plan has free lines left, otherwise paid, and starts provisioning. Send an
     * {@code Idempotency-Key} to make retries safe: a retry answers the same line with {@code
     * Idempotent-Replayed: true}.
     */
    @Operation(
            summary = "Purchase a line",
            description = "email, firstName and lastName are required; without a phone the carrier assigns a"
                    + " number. The line is free while the plan has free lines left, otherwise paid, and starts"
                    + " provisioning (typically 24-48 hours). Send an Idempotency-Key to make retries safe.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = NewLine.class),
                            examples = {
                                @ExampleObject(name = "Carrier assigns the number", value = LineApiDocs.NEW_LINE),
                                @ExampleObject(
                                        name = "Own number, assigned to a user",
                                        value = LineApiDocs.NEW_LINE_WITH_NUMBER)
                            }))
    @ApiResponse(
            responseCode = "201",
            description = "Bought (or, for a retry with the same Idempotency-Key, the line bought before)",
            headers = {
                @Header(name = "Location", description = "The line's URL", schema = @Schema(type = "string")),
                @Header(
                        name = "Idempotent-Replayed",
                        description = "true when an earlier request with this Idempotency-Key bought the line",
                        schema = @Schema(type = "boolean"))
            },
            content =
                    @Content(
                            schema = @Schema(implementation = LineView.class),
                            examples = @ExampleObject(name = "Provisioning", value = LineApiDocs.LINE)))
    @ApiResponse(
            responseCode = "400",
            description = "Invalid profile fields or Idempotency-Key (each listed under errors)")
    @ApiResponse(
            responseCode = "409",
            description = "A purchase with this Idempotency-Key is still in progress; retry after Retry-After")
    @ApiResponse(responseCode = "410", description = "The line bought with this Idempotency-Key has since been deleted")
    @ApiResponse(
            responseCode = "422",
            description = "This Idempotency-Key was already used for a purchase with a different profile",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            examples = @ExampleObject(name = "Key reused", value = LineApiDocs.KEY_REUSED)))
    @PostMapping
    Mono<ResponseEntity<LineView>> purchase(
            Tenant tenant,
            @Parameter(
                            description = "Any 1 to 255 visible ASCII characters, new for each purchase and the same"
                                    + " for its retries",
                            example = "9f8c2b1e-purchase-john-doe")
                    @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
                    @Nullable
                    String idempotencyKey,
            @RequestBody NewLine body) {
        return purchases.handle(new PurchaseLine(tenant, body, idempotencyKey)).map(purchase -> {
            LineView line = LineView.of(purchase.line(), clock.instant());
            return ResponseEntity.created(URI.create("/api/lines/" + line.id()))
                    .header(REPLAYED, Boolean.toString(purchase.replayed()))
                    .body(line);
        });
    }

    @Operation(summary = "Get a line")
    @ApiResponse(
            responseCode = "200",
            description = "The line",
            content =
                    @Content(
                            schema = @Schema(implementation = LineView.class),
                            examples = @ExampleObject(name = "Active", value = LineApiDocs.ACTIVE_LINE)))
    @ApiResponse(responseCode = "404", description = "The workspace has no line with this id")
    @GetMapping("/{id}")
    Mono<LineView> get(Tenant tenant, @PathVariable String id) {
        return reader.find(tenant, id).map(line -> LineView.of(line, clock.instant()));
    }

    /** The workspace's lines, newest first, optionally of one {@code provisioningStatus}. */
    @Operation(
            summary = "List lines",
            description = "The workspace's lines, newest first, optionally of one provisioningStatus, one keyset"
                    + " page at a time: pass nextCursor back as cursor.")
    @ApiResponse(
            responseCode = "200",
            description = "A page of lines",
            content = @Content(schema = @Schema(ref = "#/components/schemas/CursorPageLineView")))
    @ApiResponse(
            responseCode = "400",
            description = "provisioningStatus, limit or cursor is invalid (each listed under errors)")
    @GetMapping
    Mono<CursorPage<LineView>> list(
            Tenant tenant,
            @Parameter(schema = @Schema(allowableValues = {"provisioning", "active", "failed"}))
                    @RequestParam(name = "provisioningStatus", required = false)
                    @Nullable
                    String status,
            @RequestParam(name = "limit", defaultValue = "50") @Min(1) @Max(200) int limit,
            @RequestParam(name = "cursor", required = false) @Nullable String cursor) {
        return search.page(tenant, status, cursor, limit)
                .map(page -> page.map(line -> LineView.of(line, clock.instant())));
    }

    /**
     * Changes the profile or the daily limits (JSON Merge Patch): {@code email}, {@code firstName},
     * {@code lastName}, {@code profileImageUrl}, {@code createdUserId}, {@code phone} (while
     * provisioning), {@code dailyNewConversationsLimit}, {@code dailyTotalMessagesLimit}.
     */
    @Operation(
            summary = "Change a line's profile or daily limits",
            description = "JSON Merge Patch; phone only while the line is provisioning.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = LineApiDocs.LineMergePatch.class),
                            examples = @ExampleObject(name = "Higher limit, no picture", value = LineApiDocs.PATCH)))
    @ApiResponse(
            responseCode = "200",
            description = "The changed line",
            content = @Content(schema = @Schema(implementation = LineView.class)))
    @ApiResponse(
            responseCode = "400",
            description = "Fields that cannot be changed, or invalid values (each listed under errors)")
    @ApiResponse(responseCode = "404", description = "The workspace has no line with this id")
    @ApiResponse(responseCode = "409", description = "Others are changing the line at the same time; try again")
    @PatchMapping(
            value = "/{id}",
            consumes = {"application/json", "application/merge-patch+json"})
    Mono<LineView> update(Tenant tenant, @PathVariable String id, @RequestBody Map<String, @Nullable Object> patch) {
        return updates.handle(new UpdateLine(tenant, id, patch)).map(line -> LineView.of(line, clock.instant()));
    }

    /** Deletes the line; its free or paid slot is given back to the organization's counters. */
    @Operation(
            summary = "Delete a line",
            description = "Its free or paid slot is given back to the organization's counters.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "The workspace has no line with this id")
    @ApiResponse(responseCode = "409", description = "Others are changing the line at the same time; try again")
    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(Tenant tenant, @PathVariable String id) {
        return deletions
                .handle(new DeleteLine(tenant, id))
                .thenReturn(ResponseEntity.noContent().build());
    }
}
