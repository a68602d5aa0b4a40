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

    private Topics() {}
}
