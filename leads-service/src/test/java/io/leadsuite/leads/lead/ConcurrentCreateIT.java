package io.leadsuite.leads.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsuite.leads.LeadsServiceIT;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

class ConcurrentCreateIT extends LeadsServiceIT {

    @LocalServerPort
    int port;

    @Test
    void twoHundredConcurrentCreatesOfOneEmailLeaveExactlyOneLead() {
        String token = token(newUser());
        String email = "race." + UUID.randomUUID() + "@example.com";
        WebClient client = WebClient.create("http://localhost:" + port);

        Map<Integer, Long> statuses = Flux.range(0, 200)
                .flatMap(
                        attempt -> client.post()
                                .uri("/api/leads")
                                .headers(bearer(token))
                                .bodyValue(lead("Racer" + attempt, attempt % 2 == 0 ? email : email.toUpperCase()))
                                .exchangeToMono(response -> response.releaseBody()
                                        .thenReturn(response.statusCode().value())),
                        200)
                .collect(Collectors.groupingBy(status -> status, Collectors.counting()))
                .block();

        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(201, 1L, 409, 199L));
        get(token, "/api/leads?includeTotal=true")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1);
    }
}
