package io.leadsuite.integrations.config;

import io.leadsuite.common.outbox.OutboxIndexes;
import io.leadsuite.integrations.connection.IntegrationConfig;
import java.time.Duration;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Creates the indexes before the service reports ready: one config per user and provider (unique
 * {@code {userId, type}}), active configs per user, the credentials' key (re-encryption finds the
 * configs of old keys), the next sync (the scheduler finds the due ones), the outbox, and the connect flows' expiry (purged on a schedule: the embedded
 * store has no TTL indexes).
 */
@Component
class IntegrationsStartup implements ApplicationRunner {

    private final ReactiveMongoTemplate mongo;

    IntegrationsStartup(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void run(ApplicationArguments args) {
        var configs = mongo.indexOps(IntegrationConfig.COLLECTION);
        var states = mongo.indexOps("oauth_states");
        Flux.concat(
                        configs.createIndex(new Index()
                                .named("userId_type")
                                .on("userId", Sort.Direction.ASC)
                                .on("type", Sort.Direction.ASC)
                                .unique()),
                        configs.createIndex(new Index()
                                .named("userId_isActive")
                                .on("userId", Sort.Direction.ASC)
                                .on("isActive", Sort.Direction.ASC)),
                        configs.createIndex(new Index()
                                .named("credentials_keyId")
                                .on("credentials.keyId", Sort.Direction.ASC)
                                .sparse()),
                        configs.createIndex(new Index()
                                .named("nextSyncAt")
                                .on("nextSyncAt", Sort.Direction.ASC)
                                .sparse()),
                        OutboxIndexes.create(configs),
                        states.createIndex(new Index().named("expiresAt").on("expiresAt", Sort.Direction.ASC)))
                .then()
                .block(Duration.ofMinutes(1));
    }
}
