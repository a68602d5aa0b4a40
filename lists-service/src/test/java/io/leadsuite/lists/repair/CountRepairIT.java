package io.leadsuite.lists.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.security.InternalApi;
import io.leadsuite.lists.LeadEventSimulator;
import io.leadsuite.lists.ListsServiceIT;
import io.leadsuite.lists.list.ListDocument;
import io.leadsuite.testkit.EventSender;
import io.leadsuite.testkit.SharedInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

class CountRepairIT extends ListsServiceIT {

    private static final String BINDING = "leadChanges-in-0";

    private static EventSender sender;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    BindingsLifecycleController bindings;

    @BeforeAll
    static void connect() {
        sender = EventSender.to(SharedInfrastructure.kafkaBootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        sender.close();
    }

    @Test
    void correctsACountThatDriftedFromLeadsService() throws Exception {
        String userId = newUser();
        String token = token(userId);
        String list = (String) createList(token, "Drifting").get("id");
        String steady = (String) createList(token, "Steady").get("id");
        LeadEventSimulator leads = new LeadEventSimulator(userId, List.of(list, steady));
        leads.burst(sender, 300, 60, 2);
        Map<String, Long> truth = leads.expectedCounts();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(leadCount(token, list)).isEqualTo(truth.get(list)));
        trueCounts.putAll(truth);
        drift(list, truth.get(list) + 7);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(repair().corrections())
                        .containsExactly(
                                new CountRepair.Correction(list, userId, truth.get(list) + 7, truth.get(list))));

        assertThat(leadCount(token, list)).isEqualTo(truth.get(list));
        assertThat(leadCount(token, steady)).isEqualTo(truth.get(steady));
        assertThat(repair().corrections()).isEmpty();
    }

    @Test
    void leavesCountsAloneWhileTheConsumerIsBehind() throws Exception {
        String userId = newUser();
        String token = token(userId);
        String list = (String) createList(token, "Behind").get("id");
        trueCounts.put(list, 0L);
        drift(list, 5);

        bindings.changeState(BINDING, BindingsLifecycleController.State.STOPPED);
        try {
            new LeadEventSimulator(userId, List.of(list)).burst(sender, 1, 1, 1);

            CountRepair.Report report = repair();

            assertThat(report.skipped()).isPositive();
            assertThat(report.corrections()).isEmpty();
            assertThat(leadCount(token, list)).isEqualTo(5);
        } finally {
            bindings.changeState(BINDING, BindingsLifecycleController.State.STARTED);
        }
    }

    @Test
    void answersOnlyCallersWithTheServiceToken() {
        http.post()
                .uri("/internal/list-counts/repair")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http.post()
                .uri("/internal/list-counts/repair")
                .header(InternalApi.TOKEN_HEADER, "guess")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http.post()
                .uri("/internal/list-counts/repair")
                .headers(bearer(token(newUser())))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    private CountRepair.Report repair() {
        return http.post()
                .uri("/internal/list-counts/repair")
                .header(InternalApi.TOKEN_HEADER, SharedInfrastructure.INTERNAL_TOKEN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(CountRepair.Report.class)
                .returnResult()
                .getResponseBody();
    }

    /** A count gone wrong the way no event explains (a bug, a manual edit, a restored backup). */
    private void drift(String listId, long to) {
        mongo.updateFirst(
                        query(where("_id").is(new ObjectId(listId))),
                        new Update().set("leadCount", to),
                        ListDocument.class)
                .block();
    }
}
