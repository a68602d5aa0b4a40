package io.leadsuite.lists.repair;

import io.leadsuite.common.security.InternalApi;
import io.leadsuite.common.security.SecurityProperties;
import io.leadsuite.lists.config.ListsProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/** leads-service's internal count of a user's leads per list, as published on the lead topic. */
@Component
class LeadsClient {

    /** The service-to-service header that common's {@code /internal/**} authorization reads. */
    private static final ParameterizedTypeReference<Map<String, Long>> COUNTS = new ParameterizedTypeReference<>() {};

    private final WebClient http;
    private final String token;

    LeadsClient(WebClient.Builder builder, ListsProperties properties, SecurityProperties security) {
        this.http = builder.baseUrl(properties.leadsServiceUrl()).build();
        this.token = security.internalToken() == null ? "" : security.internalToken();
    }

    Mono<Map<String, Long>> counts(String userId, List<String> listIds) {
        return http.get()
                .uri(uri -> uri.path("/internal/list-counts")
                        .queryParam("userId", userId)
                        .queryParam("listId", listIds)
                        .build())
                .header(InternalApi.TOKEN_HEADER, token)
                .retrieve()
                .bodyToMono(COUNTS)
                .timeout(Duration.ofSeconds(30));
    }
}
