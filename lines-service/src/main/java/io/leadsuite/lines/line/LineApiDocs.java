package io.leadsuite.lines.line;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * What the OpenAPI document shows of the line operations beyond the code: request and response examples
 * and the JSON shape of a merge patch, which the controller reads as a map.
 */
final class LineApiDocs {

    static final String NEW_LINE = """
            {
              "email": "john.doe@example.com",
              "firstName": "John",
              "lastName": "Doe",
              "profileImageUrl": "https://images.example.com/johndoe.png"
            }""";

    static final String NEW_LINE_WITH_NUMBER = """
            {
              "phone": "+1 202 555 0143",
              "email": "john.doe@example.com",
              "firstName": "John",
              "lastName": "Doe",
              "createdUserId": "user_2pQ8xYzK4mN7rT1vB3cD5eF6gH"
            }""";

    static final String LINE = """
            {
              "id": "665f1d40b4e8a93d7c0e4c01",
              "workspaceId": "org_2pQ8aBcD4eF6gH7iJ9kL1mN3oP",
              "createdByUserId": "user_2pQ8xYzK4mN7rT1vB3cD5eF6gH",
              "createdUserId": null,
              "phone": null,
              "email": "john.doe@example.com",
              "firstName": "John",
              "lastName": "Doe",
              "profileImageUrl": "https://images.example.com/johndoe.png",
              "isActive": false,
              "provisioningStatus": "provisioning",
              "provisioningSubmittedAt": "2024-12-02T09:30:00Z",
              "estimatedReadyAt": "2024-12-04T09:30:00Z",
              "provisioningOverdue": false,
              "provisionedAt": null,
              "failureReason": null,
              "billingType": "free",
              "dailyNewConversationsLimit": 20,
              "dailyTotalMessagesLimit": 150,
              "usage": null,
              "createdAt": "2024-12-02T09:30:00Z",
              "updatedAt": "2024-12-02T09:30:00Z",
              "version": 1
            }""";

    static final String ACTIVE_LINE = """
            {
              "id": "665f1d40b4e8a93d7c0e4c01",
              "workspaceId": "org_2pQ8aBcD4eF6gH7iJ9kL1mN3oP",
              "createdByUserId": "user_2pQ8xYzK4mN7rT1vB3cD5eF6gH",
              "createdUserId": null,
              "phone": "+12025550143",
              "email": "john.doe@example.com",
              "firstName": "John",
              "lastName": "Doe",
              "profileImageUrl": "https://images.example.com/johndoe.png",
              "isActive": true,
              "provisioningStatus": "active",
              "provisioningSubmittedAt": "2024-12-02T09:30:00Z",
              "estimatedReadyAt": "2024-12-04T09:30:00Z",
              "provisioningOverdue": false,
              "provisionedAt": "2024-12-03T16:10:00Z",
              "failureReason": null,
              "billingType": "free",
              "dailyNewConversationsLimit": 20,
              "dailyTotalMessagesLimit": 150,
              "usage": {"date": "2024-12-03", "newConversationsCount": 4, "totalMessagesCount": 31},
              "createdAt": "2024-12-02T09:30:00Z",
              "updatedAt": "2024-12-03T16:10:00Z",
              "version": 3
            }""";

    static final String PATCH = """
            {"profileImageUrl": null, "dailyNewConversationsLimit": 30}""";

    static final String KEY_REUSED = """
            {
              "type": "about:blank",
              "title": "Unprocessable Content",
              "status": 422,
              "detail": "This Idempotency-Key was already used for a purchase with a different profile",
              "instance": "/api/lines",
              "field": "Idempotency-Key",
              "lineId": "665f1d40b4e8a93d7c0e4c01"
            }""";

    private LineApiDocs() {}

    @Schema(
            name = "LineMergePatch",
            description = "The fields to change (JSON Merge Patch): a value sets the field, null clears it, an"
                    + " absent field is left as it is. email, firstName and lastName cannot be cleared.")
    record LineMergePatch(
            @Schema(format = "email") @Nullable String email,
            @Nullable String firstName,
            @Nullable String lastName,

            @Schema(format = "uri", description = "An http(s) URL") @Nullable
            String profileImageUrl,

            @Schema(description = "The user the line is assigned to") @Nullable
            String createdUserId,

            @Schema(description = "Only while the line is provisioning; a number a carrier can route") @Nullable
            String phone,

            @Schema(description = "New conversations a day", minimum = "0") @Nullable
            Integer dailyNewConversationsLimit,

            @Schema(description = "Messages a day", minimum = "0") @Nullable
            Integer dailyTotalMessagesLimit) {}
}
