package io.leadsuite.lines.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.leadsuite.lines.LinesServiceApplication;
import io.leadsuite.testkit.LinesApi;
import io.leadsuite.testkit.SharedInfrastructure;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * lines-service stopped while lines are provisioning, and started again: every line still ends
 * {@code active}. One line's order had reached the carrier before the stop; the other's had not (as if
 * the service died between the purchase and the order), so the dispatcher has to place it after the
 * restart. The application is started here so it can be stopped; it has a database and a consumer
 * group of its own.
 */
class LinesServiceRestartIT {

    private final String instance = "lines-restart-" + UUID.randomUUID();
    private final MongoClient mongo = MongoClients.create(SharedInfrastructure.mongoConnectionString());
    private ConfigurableApplicationContext running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
        mongo.close();
    }

    @Test
    void linesProvisioningDuringARestartStillEndActive() {
        String workspace = "org_" + UUID.randomUUID();
        String token = SharedInfrastructure.jwtIssuer()
                .token("user_" + UUID.randomUUID())
                .org(workspace, "org:member")
                .sign();
        running = start();
        String ordered = buy(token, "Ordered");
        String notOrdered = buy(token, "NotOrdered");
        MongoDatabase database = mongo.getDatabase(instance);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Mono.from(database.getCollection("simulated_carrier_orders")
                                        .countDocuments(Filters.eq("_id", new ObjectId(notOrdered))))
                                .block()
                        == 1);
        running.close();
        running = null;

        Mono.from(database.getCollection("simulated_carrier_orders")
                        .deleteOne(Filters.eq("_id", new ObjectId(notOrdered))))
                .block();
        Mono.from(database.getCollection("lines")
                        .updateOne(
                                Filters.eq("_id", new ObjectId(notOrdered)),
                                Updates.set("providerPendingSince", new Date())))
                .block();
        running = start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(lines().line(token, ordered)).containsEntry("provisioningStatus", "active");
            assertThat(lines().line(token, notOrdered)).containsEntry("provisioningStatus", "active");
        });
        assertThat(lines().counters(token)).containsEntry("totalLinesCount", 2);
    }

    /** Started with command-line arguments, which take precedence over application.yml as in production. */
    private ConfigurableApplicationContext start() {
        Map<String, Object> properties = new HashMap<>(SharedInfrastructure.springProperties());
        properties.put("server.port", "0");
        properties.put("spring.mongodb.database", instance);
        properties.put("spring.cloud.stream.bindings.provisioningResults-in-0.group", instance);
        properties.put("leadsuite.lines.provisioning.simulator.enabled", "true");
        properties.put("leadsuite.lines.provisioning.simulator.delay", "4s");
        properties.put("leadsuite.lines.provisioning.dispatch-interval", "PT1S");
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(LinesServiceApplication.class).run(arguments);
    }

    private String buy(String token, String name) {
        return lines().buyId(
                        token,
                        Map.of("email", name.toLowerCase() + "@example.com", "firstName", name, "lastName", "Restart"));
    }

    private LinesApi lines() {
        return new LinesApi(api());
    }

    private WebTestClient api() {
        int port = ((WebServerApplicationContext) running).getWebServer().getPort();
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }
}
