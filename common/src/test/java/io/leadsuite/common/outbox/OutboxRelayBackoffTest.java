package io.leadsuite.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboxRelayBackoffTest {

    private static final Duration POLL = Duration.ofMillis(500);

    @Test
    void doublesThePollIntervalWithEachFailedRoundInARow() {
        assertThat(OutboxRelay.backoff(POLL, 1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(OutboxRelay.backoff(POLL, 2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(OutboxRelay.backoff(POLL, 3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(OutboxRelay.backoff(POLL, 4)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void stopsGrowingAtThirtyTwoTimesThePollInterval() {
        assertThat(OutboxRelay.backoff(Duration.ofMillis(100), 5)).isEqualTo(Duration.ofMillis(3200));
        assertThat(OutboxRelay.backoff(Duration.ofMillis(100), 10)).isEqualTo(Duration.ofMillis(3200));
    }

    @Test
    void neverWaitsLongerThanThirtySeconds() {
        assertThat(OutboxRelay.backoff(Duration.ofSeconds(5), 5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(OutboxRelay.backoff(Duration.ofSeconds(5), 2)).isEqualTo(Duration.ofSeconds(20));
    }
}
