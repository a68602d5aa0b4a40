package io.leadsuite.leads.lead;

import java.time.Duration;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * Creates the {@code leads} indexes of seed-schema.md before the service reports ready (runners finish
 * before the readiness probe turns UP). Creating an existing index is a no-op.
 */
@Component
class LeadIndexes implements ApplicationRunner {

    private final ReactiveMongoTemplate mongo;

    LeadIndexes(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void run(ApplicationArguments args) {
        // Startup runs on the main thread, not an event loop: waiting here is what keeps readiness DOWN.
        mongo.indexOps(Lead.class)
                .createIndex(new Index()
                        .on("userId", Sort.Direction.ASC)
                        .on("createdAt", Sort.Direction.DESC)
                        .named("userId_createdAt"))
                .block(Duration.ofMinutes(1));
    }
}
