package io.leadsuite.leads.config;

import io.leadsuite.common.outbox.RelaySettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The lead write path.
 *
 * @param defaultPhoneRegion region assumed for phone numbers without a country code
 * @param eventsBinding the Spring Cloud Stream output binding of {@code leads.lead-changes.v1}
 * @param relay how the events pending inside leads are relayed to Kafka
 * @param batchRelay how the batch outboxes are relayed (each holds up to a batch's thousand events, so a
 *     round claims few of them)
 * @param listsServiceUrl lists-service, which says whether a list is the caller's
 */
@ConfigurationProperties("leadsuite.leads")
public record LeadProperties(
        @DefaultValue("US") String defaultPhoneRegion,
        @DefaultValue("leadChanges-out-0") String eventsBinding,
        @DefaultValue RelaySettings relay,
        @DefaultValue RelaySettings batchRelay,
        @DefaultValue("http://localhost:8082") String listsServiceUrl) {}
