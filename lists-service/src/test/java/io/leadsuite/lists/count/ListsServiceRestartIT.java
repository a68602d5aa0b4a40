package io.leadsuite.lists.count;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadsuite.lists.LeadEventSimulator;
import io.leadsuite.lists.ListsServiceApplication;
import io.leadsuite.testkit.EventSender;
import io.leadsuite.testkit.ListsApi;
import io.leadsuite.testkit.SharedInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * lists-service stopped in the middle of a burst of lead changes, and started again: nothing is counted
 * twice and nothing is missed. The application is started here, not by the Spring test framework, so
 * that it can be stopped and started; it has a consumer group and a database of its own.
 */
class ListsServiceRestartIT {

    private final String instance = "lists-restart-" + UUID.randomUUID();
    private ConfigurableApplicationContext running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void countsAreExactAfterARestartInTheMiddleOfABurst() throws Exception {
        String userId = "user_" + UUID.randomUUID();
        String token = SharedInfrastructure.jwtIssuer().mint(userId);
        running = start();
        List<String> lists = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            lists.add((String) api().createList(token, "Restart " + i).get("id"));
        }
        LeadEventSimulator leads = new LeadEventSimulator(userId, lists);

        try (EventSender sender = EventSender.to(SharedInfrastructure.kafkaBootstrapServers())) {
            leads.burst(sender, 10_000, 1_000, 4);
            // Stopped as soon as counting is under way, mid-batch or between batches...
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> api().counts(token, lists).values().stream()
                                    .mapToLong(Long::longValue)
                                    .sum()
                            > 0);
            running.close();
            running = null;
            // ...and the second half published while it is down.
            leads.burst(sender, 10_000, 1_000, 4);
        }

        running = start();
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(api().counts(token, lists)).isEqualTo(leads.expectedCounts()));
    }

    /** Started with command-line arguments, which take precedence over application.yml as in production. */
    private ConfigurableApplicationContext start() {
        Map<String, Object> properties = new HashMap<>(SharedInfrastructure.springProperties());
        properties.put("server.port", "0");
        properties.put("spring.mongodb.database", instance);
        properties.put("spring.cloud.stream.bindings.leadChanges-in-0.group", instance);
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(ListsServiceApplication.class).run(arguments);
    }

    private ListsApi api() {
        int port = ((WebServerApplicationContext) running).getWebServer().getPort();
        return new ListsApi(WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build());
    }
}
