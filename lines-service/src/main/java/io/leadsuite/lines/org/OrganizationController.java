package io.leadsuite.lines.org;

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
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The line counters of the caller's organization, and its plan entitlement (admins only). */
@RestController
@RequestMapping("/api/organizations/current/lines")
@Tag(name = ApiTags.ORGANIZATION, description = ApiTags.ORGANIZATION_DESCRIPTION)
class OrganizationController {

    static final int MAX_FREE_LINES = 1000;

    private final Organizations organizations;

    OrganizationController(Organizations organizations) {
        this.organizations = organizations;
    }

    /** {@code totalLinesCount} = {@code freeLinesUsed} + {@code totalLinesPurchased}. */
    record Counters(
            String workspaceId,
            int freeLinesIncluded,
            int freeLinesUsed,
            int freeLinesAvailable,
            int totalLinesPurchased,
            int totalLinesCount,
            String timeZone) {

        static Counters of(OrganizationDocument org) {
            return new Counters(
                    org.clerkOrgId(),
                    org.freeLinesIncluded(),
                    org.freeLinesUsed(),
                    Math.max(0, org.freeLinesIncluded() - org.freeLinesUsed()),
                    org.totalLinesPurchased(),
                    org.totalLinesCount(),
                    org.timeZone());
        }
    }

    @Operation(
            summary = "Get the organization's line counters",
            description = "totalLinesCount = freeLinesUsed + totalLinesPurchased. Needs a session with an active"
                    + " organization.")
    @ApiResponse(
            responseCode = "200",
            description = "The counters",
            content =
                    @Content(
                            schema = @Schema(implementation = Counters.class),
                            examples =
                                    @ExampleObject(name = "One free line used", value = OrganizationApiDocs.COUNTERS)))
    @GetMapping
    Mono<Counters> counters(Tenant tenant) {
        return organizations.current(tenant.requireWorkspace()).map(Counters::of);
    }

    /**
     * Changes the plan's {@code freeLinesIncluded} (an entitlement change) and/or the {@code timeZone}
     * whose midnight starts a new usage day. Only an organization admin ({@code org:admin}) may. Lines
     * already bought keep their billing type: lowering the free lines does not make free lines paid,
     * raising it does not make paid lines free.
     */
    @Operation(
            summary = "Change the plan's free lines or the time zone",
            description = "JSON Merge Patch of freeLinesIncluded (an entitlement change) and timeZone (whose"
                    + " midnight starts a new usage day); organization admins (org:admin) only. Lines already"
                    + " bought keep their billing type.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = OrganizationApiDocs.OrganizationMergePatch.class),
                            examples =
                                    @ExampleObject(name = "Five free lines, Paris", value = OrganizationApiDocs.PATCH)))
    @ApiResponse(
            responseCode = "200",
            description = "The changed counters",
            content = @Content(schema = @Schema(implementation = Counters.class)))
    @ApiResponse(
            responseCode = "400",
            description = "Other fields, or an invalid freeLinesIncluded or timeZone (each listed under errors)")
    @ApiResponse(
            responseCode = "403",
            description = "The session has no active organization, or is not an organization admin")
    @PatchMapping(consumes = {"application/json", "application/merge-patch+json"})
    Mono<Counters> configure(Tenant tenant, @RequestBody Map<String, @Nullable Object> patch) {
        String workspaceId = tenant.requireWorkspace();
        if (!tenant.isOrgAdmin()) {
            ErrorResponseException forbidden = new ErrorResponseException(HttpStatus.FORBIDDEN);
            forbidden.setTitle("Organization admins only");
            forbidden.setDetail("Changing the plan's lines or the time zone needs the org:admin role.");
            return Mono.error(forbidden);
        }
        List<FieldViolation> violations = new ArrayList<>();
        patch.keySet().stream()
                .filter(field -> !Set.of("freeLinesIncluded", "timeZone").contains(field))
                .forEach(field ->
                        violations.add(new FieldViolation(field, "cannot be changed (freeLinesIncluded, timeZone)")));
        Integer freeLines = null;
        if (patch.containsKey("freeLinesIncluded")) {
            if (patch.get("freeLinesIncluded") instanceof Integer number && number >= 0 && number <= MAX_FREE_LINES) {
                freeLines = number;
            } else {
                violations.add(
                        new FieldViolation("freeLinesIncluded", "must be a whole number from 0 to " + MAX_FREE_LINES));
            }
        }
        ZoneId zone = null;
        if (patch.containsKey("timeZone")) {
            try {
                zone = ZoneId.of(String.valueOf(patch.get("timeZone")));
            } catch (DateTimeException invalid) {
                violations.add(new FieldViolation("timeZone", "must be an IANA time zone, e.g. Europe/Paris"));
            }
        }
        if (!violations.isEmpty()) {
            return Mono.error(Problems.invalid(violations));
        }
        return organizations.configure(workspaceId, freeLines, zone).map(Counters::of);
    }
}
