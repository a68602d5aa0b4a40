package io.leadsuite.common.runtime;

import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Process-wide plumbing every deployable shares. */
@AutoConfiguration
public class RuntimeAutoConfiguration {

    /** The one source of "now"; tests replace it to move time (midnight rollovers, expiry). */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
