package io.leadsuite.common.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How an outbox is relayed.
 *
 * @param enabled whether this instance relays at all
 * @param batchSize documents claimed per round (documents written together share a time and are
 *     claimed together, so a round may hold more)
 * @param publishConcurrency documents whose events are published at once (each document's in order)
 * @param pollInterval how often to look for events when no local write signalled any
 * @param lease how long a claim lasts if its relay dies
 */
public record RelaySettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("500") int batchSize,
        @DefaultValue("64") int publishConcurrency,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("2m") Duration lease) {}
