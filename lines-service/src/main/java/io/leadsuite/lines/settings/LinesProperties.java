package io.leadsuite.lines.settings;

import io.leadsuite.common.outbox.RelaySettings;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param plan what an organization gets when it first buys a line
 * @param limits the daily limits a new line starts with, and the highest a caller may set
 * @param slots how long a counter change may stay unsettled before recovery finishes it
 * @param provisioning the carrier side: estimated delay, how orders are submitted, the simulator
 * @param relay how line events are relayed to Kafka
 */
@ConfigurationProperties("leadsuite.lines")
public record LinesProperties(
        @DefaultValue Plan plan,
        @DefaultValue Limits limits,
        @DefaultValue Slots slots,
        @DefaultValue Provisioning provisioning,
        @DefaultValue RelaySettings relay) {

    /**
     * @param freeLinesIncluded free lines of a new organization (the plan default)
     * @param timeZone the IANA zone of a new organization's usage day
     */
    public record Plan(
            @DefaultValue("1") int freeLinesIncluded,
            @DefaultValue("UTC") String timeZone) {}

    public record Limits(
            @DefaultValue("20") int dailyNewConversations,
            @DefaultValue("150") int dailyTotalMessages,
            @DefaultValue("1000") int maxDailyNewConversations,
            @DefaultValue("10000") int maxDailyTotalMessages) {}

    /**
     * @param grace how old an unsettled intent, claim or owed release must be before recovery acts;
     *     longer than any request takes
     * @param recoveryInterval how often recovery runs
     */
    public record Slots(
            @DefaultValue("30s") Duration grace,
            @DefaultValue("10s") Duration recoveryInterval) {}

    /**
     * @param estimatedReadyAfter {@code estimatedReadyAt} = submission + this (carriers take 24–48 h)
     * @param dispatchInterval how often orders the carrier has not accepted yet are sent again
     * @param simulator the simulated carrier that local runs and tests use
     */
    public record Provisioning(
            @DefaultValue("48h") Duration estimatedReadyAfter,
            @DefaultValue("5s") Duration dispatchInterval,
            @DefaultValue Simulator simulator) {}

    /**
     * @param enabled whether the simulated carrier is the provider (there is no other adapter yet). Off
     *     unless set, so that a deployment never provisions fictional numbers by mistake: without a
     *     provider the service does not start. Local runs and tests turn it on.
     * @param delay how long after an order the simulator answers
     * @param pollInterval how often it looks for orders to answer
     * @param fail whether it answers {@code failed} instead of {@code active}
     * @param failureReason the reason it gives when it fails a line
     */
    public record Simulator(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("20s") Duration delay,
            @DefaultValue("500ms") Duration pollInterval,
            @DefaultValue("false") boolean fail,

            @DefaultValue("The carrier rejected the number request")
            String failureReason) {}
}
