package io.leadsuite.lines.usage;

import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.FieldViolation;
import io.leadsuite.common.web.Problems;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A line's daily usage against its limits. */
@RestController
@RequestMapping("/api/lines/{id}/usage")
class UsageController {

    private final DailyUsage usage;

    UsageController(DailyUsage usage) {
        this.usage = usage;
    }

    /** What to consume: {@code kind} is {@code newConversation} or {@code message}; {@code count} defaults to 1. */
    record Consume(@Nullable String kind, @Nullable Integer count) {}

    /**
     * Consumes {@code count} (default 1) {@code newConversation}s or {@code message}s of today's limits.
     * Over a limit it answers 429 with {@code Retry-After} set to the next midnight in the workspace's
     * time zone, and consumes nothing. Only active lines consume (409 otherwise).
     */
    @PostMapping
    Mono<UsageView> consume(Tenant tenant, @PathVariable String id, @RequestBody Consume body) {
        List<FieldViolation> violations = new ArrayList<>();
        UsageKind kind = null;
        try {
            kind = UsageKind.valueOf(String.valueOf(body.kind()));
        } catch (IllegalArgumentException unknown) {
            violations.add(new FieldViolation("kind", "must be newConversation or message"));
        }
        int count = body.count() == null ? 1 : body.count();
        if (count < 1 || count > DailyUsage.MAX_COUNT) {
            violations.add(new FieldViolation("count", "must be a whole number from 1 to " + DailyUsage.MAX_COUNT));
        }
        if (!violations.isEmpty()) {
            return Mono.error(Problems.invalid(violations));
        }
        return usage.consume(tenant, id, kind, count);
    }

    @GetMapping
    Mono<UsageView> today(Tenant tenant, @PathVariable String id) {
        return usage.today(tenant, id);
    }
}
