package io.leadsuite.lines.line;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.Problems;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Finds a workspace's lines; another workspace's line, or a deleted one, is not found (404). */
@Component
public class LineReader {

    private final ReactiveMongoTemplate mongo;

    LineReader(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The lines of a workspace that are not deleted: every read and write starts here. */
    public static Criteria live(String workspaceId) {
        return where("workspaceId").is(workspaceId).and("deletedAt").isNull();
    }

    public Mono<LineDocument> find(Tenant tenant, String id) {
        String workspaceId = tenant.requireWorkspace();
        if (!ObjectId.isValid(id)) {
            return Mono.error(Problems.notFound("Line " + id));
        }
        return mongo.findOne(query(live(workspaceId).and("_id").is(new ObjectId(id))), LineDocument.class)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("Line " + id)));
    }
}
