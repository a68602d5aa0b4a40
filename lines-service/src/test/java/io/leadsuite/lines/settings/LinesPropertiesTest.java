package io.leadsuite.lines.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The defaults live in the record alone: the schedules and the carrier read them from there. */
class LinesPropertiesTest {

    @Test
    void withNothingSetTheSimulatedCarrierIsOffAndTheSchedulesKeepTheirIntervals() {
        LinesProperties defaults = bind(Map.of());

        assertThat(defaults.provisioning().simulator().enabled()).isFalse();
        assertThat(defaults.slots().recoveryInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.slots().grace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.provisioning().dispatchInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.provisioning().simulator().pollInterval()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void theIntervalsAndTheCarrierAreSetUnderLeadsuiteLines() {
        LinesProperties set = bind(Map.of(
                "leadsuite.lines.provisioning.simulator.enabled", "true",
                "leadsuite.lines.slots.recovery-interval", "PT1S",
                "leadsuite.lines.provisioning.dispatch-interval", "2s",
                "leadsuite.lines.provisioning.simulator.poll-interval", "250ms"));

        assertThat(set.provisioning().simulator().enabled()).isTrue();
        assertThat(set.slots().recoveryInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(set.provisioning().dispatchInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(set.provisioning().simulator().pollInterval()).isEqualTo(Duration.ofMillis(250));
    }

    private static LinesProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("leadsuite.lines", LinesProperties.class);
    }
}
