package io.leadsuite.leads.lead;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.CursorPage;
import io.leadsuite.common.web.Problems;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Stores and reads leads; every query is confined to the caller's userId. */
@Service
class LeadService {

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Direction.DESC, "createdAt", "_id");

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    LeadService(ReactiveMongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    Mono<Lead> create(Tenant tenant, NewLead input) {
        // Millisecond precision: what MongoDB stores, so cursors compare exactly.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return mongo.insert(new Lead(
                null,
                input.firstName().strip(),
                input.lastName().strip(),
                input.email().strip(),
                input.phone().strip(),
                blankToNull(input.companyName()),
                blankToNull(input.jobTitle()),
                blankToNull(input.linkedinUrl()),
                blankToNull(input.notes()),
                null,
                null,
                null,
                tenant.userId(),
                Lead.SOURCE_MANUAL,
                now,
                now));
    }

    Mono<Lead> get(Tenant tenant, String id) {
        if (!ObjectId.isValid(id)) {
            return Mono.error(Problems.notFound("Lead " + id));
        }
        return mongo.findOne(
                        query(where("_id").is(new ObjectId(id)).and("userId").is(tenant.userId())), Lead.class)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("Lead " + id)));
    }

    Mono<CursorPage<Lead>> list(Tenant tenant, @Nullable LeadCursor after, int limit) {
        Criteria criteria = where("userId").is(tenant.userId());
        if (after != null) {
            criteria = criteria.orOperator(
                    where("createdAt").lt(after.createdAt()),
                    where("createdAt").is(after.createdAt()).and("_id").lt(after.id()));
        }
        Query page = query(criteria).with(NEWEST_FIRST).limit(limit + 1);
        return mongo.find(page, Lead.class).collectList().map(leads -> toPage(leads, limit));
    }

    private static CursorPage<Lead> toPage(List<Lead> leads, int limit) {
        if (leads.size() <= limit) {
            return new CursorPage<>(leads, null);
        }
        List<Lead> items = leads.subList(0, limit);
        return new CursorPage<>(items, LeadCursor.after(items.get(limit - 1)).encode());
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
