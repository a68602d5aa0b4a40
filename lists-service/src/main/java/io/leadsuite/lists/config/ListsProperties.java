package io.leadsuite.lists.config;

import io.leadsuite.common.outbox.RelaySettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param leadsServiceUrl where leads-service's internal API answers (drift repair, which runs every
 *     {@code leadsuite.lists.repair-interval}, default 6 hours)
 * @param membershipRetention how long a lead's membership is kept after its last event (to recognise a
 *     second copy of an event) before it is purged
 * @param relay how list events are relayed to Kafka
 */
@ConfigurationProperties("leadsuite.lists")
public record ListsProperties(
        @DefaultValue("http://localhost:8081") String leadsServiceUrl,
        @DefaultValue("P7D") Duration membershipRetention,
        @DefaultValue RelaySettings relay) {}
