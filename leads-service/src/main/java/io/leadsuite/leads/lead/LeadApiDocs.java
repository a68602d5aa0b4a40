package io.leadsuite.leads.lead;

/**
 * What the OpenAPI document shows of the lead operations beyond the code: request and response examples
 * (the product's sample lead, John Doe).
 */
public final class LeadApiDocs {

    /** A new lead, the way a frontend's "Add lead" form sends it. */
    public static final String NEW_LEAD = """
            {
              "firstName": "John",
              "lastName": "Doe",
              "email": "john.doe@example.com",
              "phone": "+1-555-0123",
              "companyName": "Acme Corp",
              "jobTitle": "Software Engineer",
              "linkedinUrl": "https://linkedin.com/in/johndoe",
              "notes": "Interested in our product",
              "customFields": {"customField1": "Value1", "customField2": "Value2"}
            }""";

    /** A lead as the API answers it. */
    public static final String LEAD = """
            {
              "id": "665f1c2ab4e8a93d7c0e4b21",
              "firstName": "John",
              "lastName": "Doe",
              "email": "john.doe@example.com",
              "phone": "+1-555-0123",
              "phoneE164": null,
              "companyName": "Acme Corp",
              "jobTitle": "Software Engineer",
              "linkedinUrl": "https://linkedin.com/in/johndoe",
              "notes": "Interested in our product",
              "customFields": {"customField1": "Value1", "customField2": "Value2"},
              "integrationIds": {"hubspotRecordId": null, "salesforceRecordId": null, "googleSheetsRowId": null},
              "listId": null,
              "source": "manual",
              "createdAt": "2024-12-02T09:30:00Z",
              "updatedAt": "2024-12-02T09:30:00Z",
              "version": 1
            }""";

    /** A merge patch: moves the lead to another job, clears the notes, sets one custom field. */
    public static final String PATCH = """
            {
              "jobTitle": "Engineering Manager",
              "notes": null,
              "customFields": {"customField1": "Value3"}
            }""";

    /** The page a listing answers. */
    public static final String PAGE = """
            {
              "items": [
                {
                  "id": "665f1c2ab4e8a93d7c0e4b21",
                  "firstName": "John",
                  "lastName": "Doe",
                  "email": "john.doe@example.com",
                  "phone": "+1-555-0123",
                  "phoneE164": null,
                  "companyName": "Acme Corp",
                  "jobTitle": "Software Engineer",
                  "linkedinUrl": "https://linkedin.com/in/johndoe",
                  "notes": "Interested in our product",
                  "customFields": {"customField1": "Value1", "customField2": "Value2"},
                  "integrationIds": {"hubspotRecordId": null, "salesforceRecordId": null, "googleSheetsRowId": null},
                  "listId": "665f1b90b4e8a93d7c0e4b10",
                  "source": "csv",
                  "createdAt": "2024-12-02T09:30:00Z",
                  "updatedAt": "2024-12-02T09:30:00Z",
                  "version": 1
                }
              ],
              "nextCursor": "eyJ2IjoiMTczMzEzMTgwMDAwMCIsImlkIjoiNjY1ZjFjMmEifQ",
              "total": 2
            }""";

    public static final String BULK_DELETE = """
            {"ids": ["665f1c2ab4e8a93d7c0e4b21", "665f1c2ab4e8a93d7c0e4b22"]}""";

    public static final String BULK_MOVE = """
            {"ids": ["665f1c2ab4e8a93d7c0e4b21", "665f1c2ab4e8a93d7c0e4b22"], "listId": "665f1b90b4e8a93d7c0e4b10"}""";

    public static final String BULK_RESULT = """
            {"requested": 2, "changed": 1, "unchanged": 0, "notFound": ["665f1c2ab4e8a93d7c0e4b22"]}""";

    /** The 409 answer to a lead whose email another of the caller's leads already has. */
    public static final String DUPLICATE = """
            {
              "type": "about:blank",
              "title": "Conflict",
              "status": 409,
              "detail": "Another of your leads already has this email: 665f1c2ab4e8a93d7c0e4b21",
              "instance": "/api/leads",
              "field": "email",
              "existingLeadId": "665f1c2ab4e8a93d7c0e4b21"
            }""";

    /** The 412 answer to a PATCH whose {@code If-Match} is not the lead's version any more. */
    public static final String STALE = """
            {
              "type": "about:blank",
              "title": "Precondition Failed",
              "status": 412,
              "detail": "The lead was changed meanwhile; it is now at version 3",
              "instance": "/api/leads/665f1c2ab4e8a93d7c0e4b21",
              "currentVersion": 3
            }""";

    private LeadApiDocs() {}
}
