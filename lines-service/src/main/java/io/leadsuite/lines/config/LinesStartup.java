package io.leadsuite.lines.config;

import io.leadsuite.common.outbox.OutboxIndexes;
import io.leadsuite.lines.line.LineDocument;
import io.leadsuite.lines.org.OrganizationDocument;
import java.time.Duration;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Creates the indexes before the service reports ready (docs/architecture.md): {@code {workspaceId,
 * createdAt}} and {@code {provisioningStatus, workspaceId}}, the purchase's {@code Idempotency-Key}
 * (unique), the recovery and dispatch keys, the outbox, and one organization per {@code clerkOrgId}.
 */
@Component
class LinesStartup implements ApplicationRunner {

    private final ReactiveMongoTemplate mongo;

    LinesStartup(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void run(ApplicationArguments args) {
        var lines = mongo.indexOps(LineDocument.class);
        var organizations = mongo.indexOps(OrganizationDocument.class);
        Flux.concat(
                        lines.createIndex(new Index()
                                .named("workspaceId_createdAt")
                                .on("workspaceId", Sort.Direction.ASC)
                                .on("createdAt", Sort.Direction.DESC)
                                .on("_id", Sort.Direction.DESC)),
                        lines.createIndex(new Index()
                                .named("provisioningStatus_workspaceId")
                                .on("provisioningStatus", Sort.Direction.ASC)
                                .on("workspaceId", Sort.Direction.ASC)),
                        lines.createIndex(new Index()
                                .named("idempotencyKey")
                                .on("idempotencyKey", Sort.Direction.ASC)
                                .unique()
                                .sparse()),
                        lines.createIndex(new Index()
                                .named("releaseOwedAt")
                                .on("releaseOwedAt", Sort.Direction.ASC)
                                .sparse()),
                        lines.createIndex(new Index()
                                .named("releaseClaim_at")
                                .on("releaseClaim.at", Sort.Direction.ASC)
                                .sparse()),
                        lines.createIndex(new Index()
                                .named("providerPendingSince")
                                .on("providerPendingSince", Sort.Direction.ASC)
                                .sparse()),
                        OutboxIndexes.create(lines),
                        organizations.createIndex(new Index()
                                .named("clerkOrgId")
                                .on("clerkOrgId", Sort.Direction.ASC)
                                .unique()),
                        organizations.createIndex(new Index()
                                .named("slotIntents_at")
                                .on("slotIntents.at", Sort.Direction.ASC)
                                .sparse()))
                .then()
                .block(Duration.ofMinutes(1));
    }
}
