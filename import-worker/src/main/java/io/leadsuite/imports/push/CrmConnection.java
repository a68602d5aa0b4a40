package io.leadsuite.imports.push;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The worker's view of a user's CRM connection, in {@code crm_connections}, kept from
 * {@code integrations.integration-changes.v1}: whether lead changes of the user are pushed, and with
 * which connection's token.
 *
 * @param id {@code <userId>:<provider>}
 * @param active connected and usable; {@code false} once disconnected or waiting for a reconnect
 * @param changedAt when the event that made it so occurred: an older event changes nothing
 */
@Document(CrmConnection.COLLECTION)
record CrmConnection(
        @Id String id,
        String userId,
        String provider,
        String integrationId,
        @Nullable String accountId,
        boolean active,
        Instant changedAt) {

    static final String COLLECTION = "crm_connections";

    static String key(String userId, String provider) {
        return userId + ":" + provider;
    }
}
