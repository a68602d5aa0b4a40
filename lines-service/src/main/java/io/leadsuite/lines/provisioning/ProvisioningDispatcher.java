package io.leadsuite.lines.provisioning;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.lines.line.CarrierOrders;
import io.leadsuite.lines.line.LineDocument;
import io.leadsuite.lines.settings.LinesProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Orders from the carrier every line whose order it has not accepted yet ({@code providerPendingSince}):
 * right after a purchase, and on a schedule for those a crash or a carrier outage left behind. The
 * order is idempotent on the carrier's side, so ordering twice is harmless.
 */
@Component
class ProvisioningDispatcher implements CarrierOrders, SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ProvisioningDispatcher.class);
    private static final int BATCH = 100;

    private final ReactiveMongoTemplate mongo;
    private final LineProvisioner provisioner;
    private final LinesProperties properties;

    ProvisioningDispatcher(ReactiveMongoTemplate mongo, LineProvisioner provisioner, LinesProperties properties) {
        this.mongo = mongo;
        this.provisioner = provisioner;
        this.properties = properties;
    }

    /** Orders one line; a failure is left to the next scheduled round. */
    Mono<Void> dispatch(LineDocument line) {
        LineOrder order = new LineOrder(
                line.id().toHexString(),
                line.workspaceId(),
                line.createdByUserId(),
                line.phone(),
                line.firstName(),
                line.lastName(),
                line.email());
        return provisioner
                .order(order)
                .then(mongo.updateFirst(
                        query(where("_id").is(line.id())),
                        new Update().unset("providerPendingSince"),
                        LineDocument.class))
                .then()
                .onErrorResume(failure -> {
                    log.warn("Ordering line {} failed; retrying later: {}", line.id(), failure.toString());
                    return Mono.empty();
                });
    }

    /**
     * Orders the line in the background: a purchase answers without waiting for the carrier, and an
     * order that fails here is placed again by the scheduled round.
     */
    @Override
    public void dispatchSoon(LineDocument line) {
        dispatch(line)
                .subscribe(
                        ordered -> {},
                        failure ->
                                log.warn("Ordering line {} failed; retrying later: {}", line.id(), failure.toString()));
    }

    /** Every {@code dispatchInterval}, from start. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::dispatchPending, properties.provisioning().dispatchInterval());
    }

    void dispatchPending() {
        mongo.find(
                        query(where("providerPendingSince")
                                        .ne(null)
                                        .and("deletedAt")
                                        .isNull())
                                .limit(BATCH),
                        LineDocument.class)
                .concatMap(this::dispatch)
                .then()
                .block(Duration.ofMinutes(1));
    }
}
