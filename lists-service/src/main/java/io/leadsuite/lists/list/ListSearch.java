package io.leadsuite.lists.list;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.CursorPage;
import io.leadsuite.common.web.Problems;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Keyset pages of a user's lists: newest first, or by name regardless of case; ties break on the id. */
@Component
class ListSearch {

    private static final Pattern REGEX_SPECIALS = Pattern.compile("[\\\\^$.|?*+()\\[\\]{}]");
    private static final int MAX_QUERY = 100;

    private final ReactiveMongoTemplate mongo;

    ListSearch(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    private enum Order {
        NEWEST("-createdAt", "createdAt", Sort.Direction.DESC),
        NAME("name", "nameKey", Sort.Direction.ASC);

        final String parameter;
        final String field;
        final Sort.Direction direction;

        Order(String parameter, String field, Sort.Direction direction) {
            this.parameter = parameter;
            this.field = field;
            this.direction = direction;
        }

        static Order of(String parameter) {
            for (Order order : values()) {
                if (order.parameter.equals(parameter)) {
                    return order;
                }
            }
            throw Problems.invalid("sort", "must be -createdAt or name");
        }

        String valueOf(ListDocument list) {
            return this == NEWEST ? Long.toString(list.createdAt().toEpochMilli()) : list.nameKey();
        }

        Object typed(String value) {
            return this == NEWEST ? Date.from(Instant.ofEpochMilli(Long.parseLong(value))) : value;
        }
    }

    Mono<CursorPage<ListDocument>> page(
            Tenant tenant, @Nullable String q, String sort, @Nullable String cursor, int limit) {
        Order order = Order.of(sort);
        Criteria criteria = ListWriter.live(tenant.userId());
        if (q != null && !q.isBlank()) {
            if (q.length() > MAX_QUERY) {
                return Mono.error(Problems.invalid("q", "must be at most " + MAX_QUERY + " characters"));
            }
            criteria =
                    criteria.and("name").regex(REGEX_SPECIALS.matcher(q.strip()).replaceAll("\\\\$0"), "i");
        }
        if (cursor != null && !cursor.isBlank()) {
            String[] position = decode(cursor, order);
            Object value = order.typed(position[1]);
            ObjectId id = new ObjectId(position[0]);
            boolean descending = order.direction.isDescending();
            criteria = new Criteria()
                    .andOperator(
                            criteria,
                            new Criteria()
                                    .orOperator(
                                            descending
                                                    ? where(order.field).lt(value)
                                                    : where(order.field).gt(value),
                                            new Criteria()
                                                    .andOperator(
                                                            where(order.field).is(value),
                                                            descending
                                                                    ? where("_id")
                                                                            .lt(id)
                                                                    : where("_id")
                                                                            .gt(id))));
        }
        return mongo.find(
                        query(criteria)
                                .with(Sort.by(order.direction, order.field, "_id"))
                                .limit(limit + 1),
                        ListDocument.class)
                .collectList()
                .map(found -> {
                    if (found.size() <= limit) {
                        return new CursorPage<>(found, null);
                    }
                    List<ListDocument> items = found.subList(0, limit);
                    ListDocument last = items.get(limit - 1);
                    return new CursorPage<>(items, encode(order, last));
                });
    }

    private static String encode(Order order, ListDocument last) {
        String raw = order.parameter + "\n" + last.id().toHexString() + "\n" + order.valueOf(last);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** [id, value] of a cursor issued for {@code order}. */
    private static String[] decode(String cursor, Order order) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 3);
            if (!parts[0].equals(order.parameter) || !ObjectId.isValid(parts[1])) {
                throw new IllegalArgumentException();
            }
            order.typed(parts[2]);
            return new String[] {parts[1], parts[2]};
        } catch (RuntimeException ex) {
            throw Problems.invalid("cursor", "is not a cursor returned by this API for sort=" + order.parameter);
        }
    }
}
