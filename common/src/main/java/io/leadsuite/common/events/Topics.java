package io.leadsuite.common.events;

/**
 * The Kafka topics of the suite, {@code <owner>.<stream>.v<major>}. Keys are the aggregate id, so each
 * aggregate's events stay in order. Payloads are {@link EventEnvelope}s; see docs/events/asyncapi.yaml.
 */
public final class Topics {

    /** Lead created, updated, moved between lists, deleted. Key: lead id. Owner: leads-service. */
    public static final String LEAD_CHANGES = "leads.lead-changes.v1";

    /** List created, updated, deleted. Key: list id. Owner: lists-service. */
    public static final String LIST_CHANGES = "lists.list-changes.v1";

    /** Line purchased, status changed, profile or limits updated, deleted. Key: line id. Owner: lines-service. */
    public static final String LINE_CHANGES = "lines.line-changes.v1";

    /** A provider's verdict on a line it provisioned: active or failed. Key: line id. Owner: the provider adapter. */
    public static final String PROVISIONING_RESULTS = "lines.provisioning-results.v1";

    /** An import job to run: CSV upload or CRM import. Key: job id. Owner: import-worker. */
    public static final String IMPORT_REQUESTS = "imports.requests.v1";

    /** An import job's progress, at least every second while it runs, and its end. Key: job id. Owner: import-worker. */
    public static final String IMPORT_PROGRESS = "imports.progress.v1";

    /** A CRM connection made, lost (reconnect required) or removed. Key: integration config id. Owner: integrations-service. */
    public static final String INTEGRATION_CHANGES = "integrations.integration-changes.v1";

    /** A CRM sync to run now: scheduled or asked for. Key: integration config id. Owner: integrations-service. */
    public static final String SYNC_REQUESTS = "integrations.sync-requests.v1";

    private Topics() {}
}
