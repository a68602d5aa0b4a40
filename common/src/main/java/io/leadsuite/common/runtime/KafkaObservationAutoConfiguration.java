package io.leadsuite.common.runtime;

import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * With the binder's observations on ({@code enable-observation} in the platform defaults), a Kafka send
 * is timed by its observation: {@code spring.kafka.template}, tagged by destination and error. The
 * templates still register their older Micrometer timer of the same name (tags {@code name},
 * {@code result}, {@code exception}), never used then; Prometheus refuses two meters of one name with
 * different tag keys, so that one is denied and the observation's timer is the one exposed.
 */
@AutoConfiguration
@ConditionalOnClass({KafkaTemplate.class, MeterFilter.class})
public class KafkaObservationAutoConfiguration {

    @Bean
    MeterFilter kafkaSendsTimedByTheirObservation() {
        return MeterFilter.deny(id -> id.getName().equals("spring.kafka.template") && id.getTag("result") != null);
    }
}
