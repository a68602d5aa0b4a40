package io.leadsuite.common.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.http.codec.ServerCodecConfigurer;

/** Request ids, access log and problem+json errors for every WebFlux deployable of the suite. */
@AutoConfiguration
public class WebAutoConfiguration {

    static {
        RequestIds.registerMdcPropagation();
    }

    @Bean
    ProblemResponseWriter problemResponseWriter(ServerCodecConfigurer codecs) {
        return new ProblemResponseWriter(codecs);
    }

    @Bean
    ProblemDetailsExceptionHandler problemDetailsExceptionHandler(ProblemResponseWriter writer) {
        return new ProblemDetailsExceptionHandler(writer);
    }

    @Bean
    RequestIdWebFilter requestIdWebFilter() {
        return new RequestIdWebFilter();
    }

    @Bean
    @ConditionalOnProperty(name = "leadsuite.web.access-log", havingValue = "true", matchIfMissing = true)
    AccessLogWebFilter accessLogWebFilter() {
        return new AccessLogWebFilter();
    }
}
