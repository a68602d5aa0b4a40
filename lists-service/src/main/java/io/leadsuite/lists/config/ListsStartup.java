package io.leadsuite.lists.config;

import io.leadsuite.common.outbox.OutboxIndexes;
import io.leadsuite.lists.count.LeadMembership;
import io.leadsuite.lists.list.ListDocument;
import java.time.Duration;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Creates the indexes before the service reports ready (see docs/architecture.md): {@code {userId, createdAt}}
 * and "name unique per user" (on the lower-cased {@code nameKey}, sparse so deleted lists free their
 * name), the name sort, the outbox, and the memberships' list and clean-up keys.
 */
@Component
class ListsStartup implements ApplicationRunner {

    private final ReactiveMongoTemplate mongo;

    ListsStartup(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void run(ApplicationArguments args) {
        var lists = mongo.indexOps(ListDocument.class);
        var memberships = mongo.indexOps(LeadMembership.COLLECTION);
        Flux.concat(
                        lists.createIndex(new Index()
                                .named("userId_createdAt")
                                .on("userId", Sort.Direction.ASC)
                                .on("createdAt", Sort.Direction.DESC)
                                .on("_id", Sort.Direction.DESC)),
                        lists.createIndex(new Index()
                                .named("nameKey")
                                .on("nameKey", Sort.Direction.ASC)
                                .unique()
                                .sparse()),
                        lists.createIndex(new Index()
                                .named("userId_nameKey")
                                .on("userId", Sort.Direction.ASC)
                                .on("nameKey", Sort.Direction.ASC)
                                .on("_id", Sort.Direction.ASC)),
                        OutboxIndexes.create(lists),
                        memberships.createIndex(new Index().named("listId").on("listId", Sort.Direction.ASC)),
                        memberships.createIndex(new Index().named("updatedAt").on("updatedAt", Sort.Direction.ASC)))
                .then()
                .block(Duration.ofMinutes(1));
    }
}
