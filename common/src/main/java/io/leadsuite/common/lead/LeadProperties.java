package io.leadsuite.common.lead;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The lead write path, for the deployables that write leads ({@code leadsuite.leads.enabled=true}).
 *
 * @param defaultPhoneRegion region assumed for phone numbers without a country code
 * @param eventsBinding the Spring Cloud Stream output binding of {@code leads.lead-changes.v1}
 * @param relay how pending events are relayed to Kafka
 */
@ConfigurationProperties("leadsuite.leads")
public record LeadProperties(
        @DefaultValue("US") String defaultPhoneRegion,
        @DefaultValue("leadChanges-out-0") String eventsBinding,
        @DefaultValue Relay relay) {

    /**
     * @param batchSize leads claimed per round
     * @param publishConcurrency leads whose events are published at once (each lead's in order)
     * @param pollInterval how often to look for events when no write signalled any (other instances' writes)
     * @param lease how long a claim on a lead lasts if its relay dies
     */
    public record Relay(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("500") int batchSize,
            @DefaultValue("64") int publishConcurrency,
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("2m") Duration lease) {}
}
