package io.leadsuite.lists.list;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * What the OpenAPI document shows of the list operations beyond the code: request and response examples
 * and the JSON shape of a merge patch, which the controller reads as a map.
 */
final class ListApiDocs {

    static final String NEW_LIST = """
            {"name": "Acme Corp contacts", "description": "Leads from Acme Corp's engineering team"}""";

    static final String LIST = """
            {
              "id": "665f1b90b4e8a93d7c0e4b10",
              "name": "Acme Corp contacts",
              "description": "Leads from Acme Corp's engineering team",
              "leadCount": 2,
              "createdAt": "2024-12-02T09:00:00Z",
              "updatedAt": "2024-12-02T09:00:00Z",
              "version": 1
            }""";

    static final String PAGE = """
            {
              "items": [
                {
                  "id": "665f1b90b4e8a93d7c0e4b10",
                  "name": "Acme Corp contacts",
                  "description": "Leads from Acme Corp's engineering team",
                  "leadCount": 2,
                  "createdAt": "2024-12-02T09:00:00Z",
                  "updatedAt": "2024-12-02T09:00:00Z",
                  "version": 1
                }
              ],
              "nextCursor": null
            }""";

    static final String PATCH = """
            {"name": "Acme Corp - engineering", "description": null}""";

    static final String DELETED = """
            {"id": "665f1b90b4e8a93d7c0e4b10", "name": "Acme Corp contacts", "leadCount": 2, "leads": "detached"}""";

    static final String NAME_TAKEN = """
            {
              "type": "about:blank",
              "title": "Conflict",
              "status": 409,
              "detail": "You already have a list named \\"Acme Corp contacts\\"",
              "instance": "/api/lists",
              "field": "name",
              "existingListId": "665f1b90b4e8a93d7c0e4b10"
            }""";

    private ListApiDocs() {}

    @Schema(
            name = "ListMergePatch",
            description = "The fields to change (JSON Merge Patch): a value sets the field, an absent field is left"
                    + " as it is; description: null clears the description. The name cannot be cleared.")
    record ListMergePatch(
            @Schema(description = "Unique among the caller's lists, regardless of case") @Nullable
            String name,

            @Nullable String description) {}
}
