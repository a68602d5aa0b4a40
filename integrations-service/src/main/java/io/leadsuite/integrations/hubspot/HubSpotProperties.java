package io.leadsuite.integrations.hubspot;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The HubSpot app this deployment connects as, and where HubSpot answers (the real hosts by default;
 * the simulator's in local runs and tests).
 *
 * @param clientId the app's client id
 * @param clientSecret the app's client secret
 * @param authorizeUrl the consent page
 * @param apiBaseUrl the API and token endpoints
 * @param scopes the scopes asked for; they must match the app's configured scopes
 * @param refreshAhead replace an access token when less than this is left (HubSpot's live 30 minutes)
 * @param timeout the longest wait for one HubSpot answer
 */
@ConfigurationProperties("leadsuite.integrations.hubspot")
public record HubSpotProperties(
        @DefaultValue("") String clientId,
        @DefaultValue("") String clientSecret,

        @DefaultValue("https://app.hubspot.com/oauth/authorize")
        URI authorizeUrl,

        @DefaultValue("https://api.hubapi.com") URI apiBaseUrl,

        @DefaultValue({"crm.objects.contacts.read", "crm.objects.contacts.write"})
        List<String> scopes,

        @DefaultValue("5m") Duration refreshAhead,
        @DefaultValue("10s") Duration timeout) {

    @Override
    public String toString() {
        return "HubSpotProperties[clientId=" + clientId + ", apiBaseUrl=" + apiBaseUrl + "]";
    }
}
