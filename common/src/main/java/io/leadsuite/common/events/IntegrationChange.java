package io.leadsuite.common.events;

import org.jspecify.annotations.Nullable;

/**
 * The payload of {@value Topics#INTEGRATION_CHANGES}: a user's connection to a CRM was made
 * ({@code IntegrationConnected}, also after a reconnect), lost because the provider no longer honours
 * its grant ({@code IntegrationReconnectRequired}: the user must connect again), or removed by the user
 * ({@code IntegrationDisconnected}; the leads it imported stay). Never carries a credential.
 *
 * @param integrationId the integration config's id
 * @param provider {@code hubspot}, {@code salesforce} or {@code google_sheets}
 * @param accountId the provider account connected (HubSpot's {@code hub_id}), when known
 * @param reason why a connection was lost, e.g. {@code reconnect required}
 */
public record IntegrationChange(
        String integrationId,
        String provider,
        @Nullable String accountId,
        @Nullable String reason) {

    public static final String CONNECTED = "IntegrationConnected";
    public static final String RECONNECT_REQUIRED = "IntegrationReconnectRequired";
    public static final String DISCONNECTED = "IntegrationDisconnected";
}
