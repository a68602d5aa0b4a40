package io.leadsuite.common.mongo;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;

/**
 * Reports the service's own database UP when it answers {@code ping}. Replaces Spring Boot's
 * indicator, which lists every database of the cluster and sends each {@code hello}: more than a
 * probe needs, and a command the embedded store does not know.
 */
final class MongoPingHealthIndicator extends AbstractReactiveHealthIndicator {

    private static final Document PING = new Document("ping", 1);

    private final ReactiveMongoTemplate mongo;

    MongoPingHealthIndicator(ReactiveMongoTemplate mongo) {
        super("MongoDB ping failed");
        this.mongo = mongo;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return mongo.executeCommand(PING).map(reply -> builder.up().build());
    }
}
