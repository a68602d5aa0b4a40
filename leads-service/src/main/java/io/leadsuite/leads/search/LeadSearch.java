package io.leadsuite.leads.search;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.CursorPage;
import io.leadsuite.leads.model.CustomFields;
import io.leadsuite.leads.model.LeadDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Lists the caller's leads by keyset pagination: each page continues strictly after the last lead of
 * the previous one in a total order (sort value, then id), so pages stay stable while leads are added
 * and cost the same at any depth.
 */
@Component
public class LeadSearch {

    private static final Pattern REGEX_SPECIALS = Pattern.compile("[\\\\^$.|?*+()\\[\\]{}]");
    private static final Pattern PHONE_LIKE = Pattern.compile("[0-9+()\\-. ]+");

    private final ReactiveMongoTemplate mongo;

    LeadSearch(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A page of leads and, when asked for, how many match in all. */
    public record Page(
            CursorPage<LeadDocument> page, @Nullable Long total) {}

    Mono<Page> page(Tenant tenant, LeadQuery filter, @Nullable LeadCursor after, int limit, boolean withTotal) {
        Criteria matching = criteria(tenant, filter);
        Query page = query(after == null ? matching : new Criteria().andOperator(matching, after(after)))
                .with(filter.sort().toSort())
                .limit(limit + 1);
        Mono<CursorPage<LeadDocument>> leads =
                mongo.find(page, LeadDocument.class).collectList().map(found -> toPage(found, limit, filter.sort()));
        if (!withTotal) {
            return leads.map(found -> new Page(found, null));
        }
        return Mono.zip(leads, mongo.count(query(matching), LeadDocument.class), Page::new);
    }

    /** Every matching lead, in order, streamed from the database in batches. */
    public Flux<LeadDocument> stream(Tenant tenant, LeadQuery filter) {
        return mongo.find(
                query(criteria(tenant, filter)).with(filter.sort().toSort()).cursorBatchSize(500), LeadDocument.class);
    }

    /** The names of the custom fields of the matching leads, sorted. */
    public Flux<String> customFieldNames(Tenant tenant, LeadQuery filter, int max) {
        List<Document> pipeline = List.of(
                new Document("$match", query(criteria(tenant, filter)).getQueryObject()),
                new Document("$unwind", "$customFields"),
                new Document("$group", new Document("_id", "$customFields.k")),
                new Document("$sort", new Document("_id", 1)),
                new Document("$limit", max));
        return mongo.getCollection(LeadDocument.COLLECTION)
                .flatMapMany(collection -> Flux.from(collection.aggregate(pipeline)))
                .map(group -> group.getString("_id"));
    }

    Criteria criteria(Tenant tenant, LeadQuery filter) {
        List<Criteria> all = new ArrayList<>();
        all.add(LeadDocument.live(tenant.userId()));
        if (filter.listId() != null) {
            all.add(where("listId").is(filter.listId()));
        } else if (filter.inNoList()) {
            all.add(where("listId").isNull());
        }
        if (filter.source() != null) {
            all.add(where("source").is(filter.source()));
        }
        if (filter.createdFrom() != null) {
            all.add(where("createdAt").gte(filter.createdFrom()));
        }
        if (filter.createdTo() != null) {
            all.add(where("createdAt").lt(filter.createdTo()));
        }
        if (filter.companyName() != null) {
            all.add(where("companyNameKey").is(filter.companyName().toLowerCase(Locale.ROOT)));
        }
        filter.customFields()
                .forEach((name, value) -> all.add(where("customFields")
                        .elemMatch(where("k").is(name).and("v").in(CustomFields.filterCandidates(value)))));
        if (filter.text() != null) {
            all.add(text(filter.text()));
        }
        return new Criteria().andOperator(all);
    }

    /**
     * Case-insensitive substring search. The text is escaped, so it matches literally: no regular
     * expression a user writes is ever run, so none can backtrack catastrophically.
     */
    private static Criteria text(String text) {
        String literal = REGEX_SPECIALS.matcher(text).replaceAll("\\\\$0");
        List<Criteria> anyOf = new ArrayList<>();
        for (String field : List.of("firstName", "lastName", "email", "companyName", "phone")) {
            anyOf.add(where(field).regex(literal, "i"));
        }
        String digits = text.replaceAll("\\D", "");
        if (digits.length() >= 3 && PHONE_LIKE.matcher(text).matches()) {
            anyOf.add(where("phoneDigits").regex(digits));
        }
        return new Criteria().orOperator(anyOf);
    }

    private static Criteria after(LeadCursor cursor) {
        Object value = cursor.sort().typed(cursor.value());
        String field = cursor.sort().field;
        boolean descending = cursor.sort().direction.isDescending();
        Criteria beyondValue =
                descending ? where(field).lt(value) : where(field).gt(value);
        Criteria beyondId =
                descending ? where("_id").lt(cursor.id()) : where("_id").gt(cursor.id());
        return new Criteria()
                .orOperator(beyondValue, new Criteria().andOperator(where(field).is(value), beyondId));
    }

    private static CursorPage<LeadDocument> toPage(List<LeadDocument> found, int limit, LeadSort sort) {
        if (found.size() <= limit) {
            return new CursorPage<>(found, null);
        }
        List<LeadDocument> items = found.subList(0, limit);
        return new CursorPage<>(
                items, LeadCursor.after(sort, items.get(limit - 1)).encode());
    }
}
