package io.leadsuite.leads.lead;

import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.lead.LeadDocument;
import io.leadsuite.common.lead.LeadWriter;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.Problems;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads one of the caller's leads; another user's lead, a deleted one and a malformed id are all 404. */
@Component
public class LeadReader {

    private final ReactiveMongoTemplate mongo;

    LeadReader(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Mono<LeadDocument> get(Tenant tenant, String id) {
        if (!ObjectId.isValid(id)) {
            return Mono.error(Problems.notFound("Lead " + id));
        }
        return mongo.findOne(
                        query(LeadWriter.live(tenant.userId()).and("_id").is(new ObjectId(id))), LeadDocument.class)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("Lead " + id)));
    }
}
