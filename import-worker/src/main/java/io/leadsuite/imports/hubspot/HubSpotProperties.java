package io.leadsuite.imports.hubspot;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where HubSpot answers (the real API by default; the simulator's in local runs and tests) and how
 * hard the worker may call it.
 *
 * @param apiBaseUrl the CRM API
 * @param callsPerSecond calls per account per 1-s slot, shared by every instance: 9 keeps any rolling
 *     10 s within HubSpot's 110 for OAuth apps, with room for late arrivals
 * @param searchSlot one search call per account per slot: 350 ms keeps any rolling second within the
 *     search endpoint's 5
 * @param searchLag how far HubSpot's search may trail its writes: an incremental sync also reads what
 *     changed this long before the previous one was requested
 * @param timeout the longest wait for one HubSpot answer
 */
@ConfigurationProperties("leadsuite.imports.hubspot")
public record HubSpotProperties(
        @DefaultValue("https://api.hubapi.com") URI apiBaseUrl,
        @DefaultValue("9") int callsPerSecond,
        @DefaultValue("350ms") Duration searchSlot,
        @DefaultValue("2m") Duration searchLag,
        @DefaultValue("30s") Duration timeout) {}
