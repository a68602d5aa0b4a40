package io.leadsuite.common.events;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The envelope of every event the suite publishes. Consumers route on {@code type} and
 * {@code schemaVersion}, never on Java class names, and ignore fields they do not know. The same
 * attributes travel as CloudEvents 1.0 headers ({@code ce_id}, {@code ce_type}, ...).
 *
 * @param id unique per event; consumers deduplicate on it
 * @param type a past-tense fact, e.g. {@code LeadCreated}
 * @param schemaVersion the version of {@code data}'s shape within the topic's major version
 * @param occurredAt when the change was made
 * @param source the service that made it
 * @param tenant whose data changed
 * @param data the type's payload
 */
public record EventEnvelope<T>(
        String id, String type, int schemaVersion, Instant occurredAt, String source, Tenant tenant, T data) {

    public static <T> EventEnvelope<T> of(String type, String source, Instant occurredAt, Tenant tenant, T data) {
        return new EventEnvelope<>(UUID.randomUUID().toString(), type, 1, occurredAt, source, tenant, data);
    }

    /** The owner of the changed data: a Clerk user, and the organization when the caller had one. */
    public record Tenant(String userId, @Nullable String workspaceId) {}
}
