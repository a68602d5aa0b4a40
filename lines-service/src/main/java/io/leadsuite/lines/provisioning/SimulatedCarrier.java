package io.leadsuite.lines.provisioning;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.events.EventEnvelope;
import io.leadsuite.common.events.ProvisioningResult;
import io.leadsuite.common.outbox.EventPublisher;
import io.leadsuite.common.outbox.PendingEvent;
import io.leadsuite.lines.settings.LinesProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A carrier for local runs and tests. It keeps its orders in its own collection, as a real carrier
 * keeps them on its side, so an order placed before lines-service restarts is still answered after.
 * Each order is answered once its delay ({@code leadsuite.lines.provisioning.simulator.delay}) has
 * passed, with {@code active} (and a number from the fictional 555-01xx range when none was asked for)
 * or, when told to fail ({@code simulator.fail}, or {@link #failOrders}), {@code failed} with a reason.
 * Verdicts are published to {@code lines.provisioning-results.v1} like a carrier webhook adapter would.
 */
public class SimulatedCarrier implements LineProvisioner, SchedulingConfigurer {

    static final String COLLECTION = "simulated_carrier_orders";
    private static final Logger log = LoggerFactory.getLogger(SimulatedCarrier.class);

    private final ReactiveMongoTemplate mongo;
    private final EventPublisher results;
    private final JsonMapper json;
    private final Clock clock;
    private final LinesProperties.Simulator settings;
    private volatile boolean failing;
    private volatile @Nullable Duration delayOverride;

    public SimulatedCarrier(
            ReactiveMongoTemplate mongo,
            EventPublisher results,
            JsonMapper json,
            Clock clock,
            LinesProperties.Simulator settings) {
        this.mongo = mongo;
        this.results = results;
        this.json = json;
        this.clock = clock;
        this.settings = settings;
        this.failing = settings.fail();
    }

    /** From now on, orders are answered {@code failed} ({@code true}) or {@code active} ({@code false}). */
    public void failOrders(boolean fail) {
        this.failing = fail;
    }

    /** From now on, orders are answered after {@code delay} instead of the configured one ({@code null}: back to it). */
    public void answerAfter(@Nullable Duration delay) {
        this.delayOverride = delay;
    }

    @Override
    public Mono<Void> order(LineOrder order) {
        Instant now = clock.instant();
        Update accept = new Update()
                .setOnInsert("workspaceId", order.workspaceId())
                .setOnInsert("requestedByUserId", order.requestedByUserId())
                .setOnInsert("phone", order.phone() != null ? order.phone() : fictionalNumber())
                .setOnInsert("orderedAt", now)
                .setOnInsert("dueAt", now.plus(delayOverride != null ? delayOverride : settings.delay()))
                .setOnInsert("fail", failing);
        return mongo.upsert(query(where("_id").is(order.lineId())), accept, COLLECTION)
                .then();
    }

    /** Looks for due orders every {@code pollInterval}, from start. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::answerDueOrders, settings.pollInterval());
    }

    /** Answers the orders that are due. */
    void answerDueOrders() {
        mongo.find(
                        query(where("dueAt")
                                        .lte(clock.instant())
                                        .and("answeredAt")
                                        .isNull())
                                .limit(100),
                        Document.class,
                        COLLECTION)
                .concatMap(order -> Mono.defer(() -> answer(order)).onErrorResume(failure -> {
                    log.warn(
                            "Simulated carrier could not answer order {} yet: {}",
                            order.get("_id"),
                            failure.toString());
                    return Mono.empty();
                }))
                .then()
                .block(Duration.ofMinutes(1));
    }

    private Mono<Void> answer(Document order) {
        String lineId = order.get("_id").toString();
        boolean fail = order.getBoolean("fail", false);
        ProvisioningResult result = fail
                ? new ProvisioningResult(lineId, ProvisioningResult.FAILED_STATUS, null, settings.failureReason())
                : new ProvisioningResult(lineId, ProvisioningResult.ACTIVE, order.getString("phone"), null);
        String type = fail ? ProvisioningResult.FAILED : ProvisioningResult.PROVISIONED;
        Instant now = clock.instant();
        EventEnvelope<ProvisioningResult> envelope = EventEnvelope.of(
                type,
                "simulated-carrier",
                now,
                new EventEnvelope.Tenant(order.getString("requestedByUserId"), order.getString("workspaceId")),
                result);
        return results.publish(lineId, PendingEvent.of(envelope, json))
                .then(mongo.updateFirst(
                        query(where("_id").is(order.get("_id"))),
                        new Update().set("answeredAt", Date.from(now)),
                        COLLECTION))
                .then();
    }

    private String fictionalNumber() {
        return "+1202555"
                + String.format("%04d", 100 + ThreadLocalRandom.current().nextInt(100));
    }
}
