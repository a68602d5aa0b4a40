package io.leadsuite.common.openapi;

/**
 * The resources of the suite's API, as OpenAPI tags: {@code @Tag(name = ApiTags.LEADS, description =
 * ApiTags.LEADS_DESCRIPTION)} on each controller of a resource, with the same description everywhere so
 * the gateway's Swagger UI shows one group per resource.
 */
public final class ApiTags {

    public static final String LEADS = "Leads";
    public static final String LEADS_DESCRIPTION =
            "A user's leads: create, read, change, delete, search, bulk changes, audit trail and CSV export";

    public static final String LISTS = "Lists";
    public static final String LISTS_DESCRIPTION = "Named lists that organize a user's leads, with their lead counts";

    public static final String LINES = "Lines";
    public static final String LINES_DESCRIPTION =
            "The workspace's sending lines: purchase, profile, daily limits and today's usage";

    public static final String ORGANIZATION = "Organization";
    public static final String ORGANIZATION_DESCRIPTION =
            "The line counters and plan entitlement of the caller's organization";

    public static final String IMPORTS = "Imports";
    public static final String IMPORTS_DESCRIPTION = "CSV and CRM imports of leads, and their progress";

    public static final String INTEGRATIONS = "Integrations";
    public static final String INTEGRATIONS_DESCRIPTION = "Connections to HubSpot, Salesforce and Google Sheets";

    public static final String SYNC = "Sync";
    public static final String SYNC_DESCRIPTION = "Background synchronization with connected integrations";

    private ApiTags() {}
}
