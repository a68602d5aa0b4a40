package io.leadsuite.lines.usage;

import io.leadsuite.common.openapi.ApiTags;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.FieldViolation;
import io.leadsuite.common.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = ApiTags.LINES, description = ApiTags.LINES_DESCRIPTION)
class UsageController {

    private static final String USAGE = """
            {
              "lineId": "665f1d40b4e8a93d7c0e4c01",
              "date": "2024-12-03",
              "timeZone": "America/New_York",
              "newConversations": {"used": 5, "limit": 20, "remaining": 15},
              "totalMessages": {"used": 32, "limit": 150, "remaining": 118},
              "resetsAt": "2024-12-04T05:00:00Z"
            }""";

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
    @Operation(
            summary = "Consume a line's daily usage",
            description = "Counts count (default 1) new conversations or messages against today's limits, in the"
                    + " workspace's time zone. Only active lines consume.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = Consume.class),
                            examples =
                                    @ExampleObject(
                                            name = "One new conversation",
                                            value = "{\"kind\": \"newConversation\", \"count\": 1}")))
    @ApiResponse(
            responseCode = "200",
            description = "Today's usage after consuming",
            content =
                    @Content(
                            schema = @Schema(implementation = UsageView.class),
                            examples = @ExampleObject(name = "Today", value = USAGE)))
    @ApiResponse(
            responseCode = "400",
            description =
                    "kind is not newConversation or message, or count is out of range (each listed under" + " errors)")
    @ApiResponse(responseCode = "404", description = "The workspace has no line with this id")
    @ApiResponse(
            responseCode = "409",
            description = "The line is not active, or its usage is changing too fast; try again")
    @ApiResponse(
            responseCode = "429",
            description = "Over today's limit (or the gateway's rate limit): nothing was consumed; Retry-After is"
                    + " the time until the next midnight in the workspace's time zone")
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

    @Operation(summary = "Get a line's usage today")
    @ApiResponse(
            responseCode = "200",
            description = "Today's usage and limits",
            content =
                    @Content(
                            schema = @Schema(implementation = UsageView.class),
                            examples = @ExampleObject(name = "Today", value = USAGE)))
    @ApiResponse(responseCode = "404", description = "The workspace has no line with this id")
    @GetMapping
    Mono<UsageView> today(Tenant tenant, @PathVariable String id) {
        return usage.today(tenant, id);
    }
}
