package io.leadsuite.lines.org;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.lines.settings.LinesProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** An organization's line counters, created with the plan's defaults the first time it is used. */
@Component
public class Organizations {

    private final ReactiveMongoTemplate mongo;
    private final LinesProperties properties;
    private final Clock clock;

    Organizations(ReactiveMongoTemplate mongo, LinesProperties properties, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
    }

    /** The organization, created on first use; concurrent first uses create it once. */
    public Mono<OrganizationDocument> current(String workspaceId) {
        return mongo.findOne(query(where("clerkOrgId").is(workspaceId)), OrganizationDocument.class)
                .switchIfEmpty(Mono.defer(() -> create(workspaceId)));
    }

    private Mono<OrganizationDocument> create(String workspaceId) {
        Instant now = clock.instant();
        Update defaults = new Update()
                .setOnInsert("freeLinesIncluded", properties.plan().freeLinesIncluded())
                .setOnInsert("freeLinesUsed", 0)
                .setOnInsert("totalLinesPurchased", 0)
                .setOnInsert("totalLinesCount", 0)
                .setOnInsert("timeZone", ZoneId.of(properties.plan().timeZone()).getId())
                .setOnInsert("createdAt", now)
                .setOnInsert("updatedAt", now);
        Mono<OrganizationDocument> upsert = mongo.findAndModify(
                query(where("clerkOrgId").is(workspaceId)),
                defaults,
                FindAndModifyOptions.options().upsert(true).returnNew(true),
                OrganizationDocument.class);
        return upsert.onErrorResume(DuplicateKeyException.class, raced -> upsert);
    }

    /** The time zone whose midnight starts a new day of usage for the workspace's lines. */
    public Mono<ZoneId> timeZone(String workspaceId) {
        return current(workspaceId).map(org -> ZoneId.of(org.timeZone()));
    }

    /** Sets the plan's free lines and/or the time zone; {@code null} leaves a value as it is. */
    public Mono<OrganizationDocument> configure(
            String workspaceId, @Nullable Integer freeLinesIncluded, @Nullable ZoneId timeZone) {
        Update update = new Update().set("updatedAt", clock.instant());
        if (freeLinesIncluded != null) {
            update.set("freeLinesIncluded", freeLinesIncluded);
        }
        if (timeZone != null) {
            update.set("timeZone", timeZone.getId());
        }
        return current(workspaceId)
                .then(mongo.findAndModify(
                        query(where("clerkOrgId").is(workspaceId)),
                        update,
                        FindAndModifyOptions.options().returnNew(true),
                        OrganizationDocument.class));
    }
}
