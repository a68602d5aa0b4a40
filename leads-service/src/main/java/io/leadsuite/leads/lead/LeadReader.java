package io.leadsuite.leads.lead;

import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.Problems;
import io.leadsuite.leads.model.LeadDocument;
import java.util.Collection;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads the caller's live leads; another user's lead, a deleted one and a malformed id are all absent. */
@Component
public class LeadReader {

    private final ReactiveMongoTemplate mongo;

    LeadReader(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The lead, or a 404 problem. */
    public Mono<LeadDocument> get(Tenant tenant, String id) {
        return find(tenant.userId(), id).switchIfEmpty(Mono.error(() -> Problems.notFound("Lead " + id)));
    }

    Mono<LeadDocument> find(String userId, String id) {
        if (!ObjectId.isValid(id)) {
            return Mono.empty();
        }
        return mongo.findOne(query(LeadDocument.live(userId).and("_id").is(new ObjectId(id))), LeadDocument.class);
    }

    Flux<LeadDocument> findAll(String userId, Collection<ObjectId> ids) {
        return ids.isEmpty()
                ? Flux.empty()
                : mongo.find(query(LeadDocument.live(userId).and("_id").in(ids)), LeadDocument.class);
    }
}
