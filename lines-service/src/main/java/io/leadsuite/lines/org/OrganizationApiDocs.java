package io.leadsuite.lines.org;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** Examples and the merge patch's JSON shape for the organization's line counters in the OpenAPI document. */
final class OrganizationApiDocs {

    static final String COUNTERS = """
            {
              "workspaceId": "org_2pQ8aBcD4eF6gH7iJ9kL1mN3oP",
              "freeLinesIncluded": 3,
              "freeLinesUsed": 1,
              "freeLinesAvailable": 2,
              "totalLinesPurchased": 0,
              "totalLinesCount": 1,
              "timeZone": "America/New_York"
            }""";

    static final String PATCH = """
            {"freeLinesIncluded": 5, "timeZone": "Europe/Paris"}""";

    private OrganizationApiDocs() {}

    @Schema(
            name = "OrganizationMergePatch",
            description = "The fields to change (JSON Merge Patch); an absent field is left as it is.")
    record OrganizationMergePatch(
            @Schema(description = "The plan's free lines", minimum = "0", maximum = "1000") @Nullable
            Integer freeLinesIncluded,

            @Schema(description = "The IANA time zone whose midnight starts a new usage day", example = "Europe/Paris")
            @Nullable
            String timeZone) {}
}
