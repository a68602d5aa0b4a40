package io.leadsuite.lines.line;

import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.CursorPage;
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
    @PostMapping
    Mono<ResponseEntity<LineView>> purchase(
            Tenant tenant,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey,
            @RequestBody NewLine body) {
        return purchases.handle(new PurchaseLine(tenant, body, idempotencyKey)).map(purchase -> {
            LineView line = LineView.of(purchase.line(), clock.instant());
            return ResponseEntity.created(URI.create("/api/lines/" + line.id()))
                    .header(REPLAYED, Boolean.toString(purchase.replayed()))
                    .body(line);
        });
    }

    @GetMapping("/{id}")
    Mono<LineView> get(Tenant tenant, @PathVariable String id) {
        return reader.find(tenant, id).map(line -> LineView.of(line, clock.instant()));
    }

    /** The workspace's lines, newest first, optionally of one {@code provisioningStatus}. */
    @GetMapping
    Mono<CursorPage<LineView>> list(
            Tenant tenant,
            @RequestParam(name = "provisioningStatus", required = false) @Nullable String status,
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
    @PatchMapping(
            value = "/{id}",
            consumes = {"application/json", "application/merge-patch+json"})
    Mono<LineView> update(Tenant tenant, @PathVariable String id, @RequestBody Map<String, @Nullable Object> patch) {
        return updates.handle(new UpdateLine(tenant, id, patch)).map(line -> LineView.of(line, clock.instant()));
    }

    /** Deletes the line; its free or paid slot is given back to the organization's counters. */
    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(Tenant tenant, @PathVariable String id) {
        return deletions
                .handle(new DeleteLine(tenant, id))
                .thenReturn(ResponseEntity.noContent().build());
    }
}
