package io.leadsuite.lines.line;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.CursorPage;
import io.leadsuite.common.web.Problems;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Keyset pages of a workspace's lines, newest first (seed index {@code workspaceId, createdAt}). */
@Component
class LineSearch {

    private static final Set<String> STATUSES =
            Arrays.stream(ProvisioningStatus.values()).map(Enum::name).collect(Collectors.toSet());

    private final ReactiveMongoTemplate mongo;

    LineSearch(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    Mono<CursorPage<LineDocument>> page(Tenant tenant, @Nullable String status, @Nullable String cursor, int limit) {
        Criteria criteria = LineReader.live(tenant.requireWorkspace());
        if (status != null) {
            if (!STATUSES.contains(status)) {
                return Mono.error(
                        Problems.invalid("provisioningStatus", "must be one of provisioning, active, failed"));
            }
            criteria = criteria.and("provisioningStatus").is(status);
        }
        if (cursor != null && !cursor.isBlank()) {
            Position after = Position.decode(cursor);
            criteria = new Criteria()
                    .andOperator(
                            criteria,
                            new Criteria()
                                    .orOperator(
                                            where("createdAt").lt(after.createdAt()),
                                            where("createdAt")
                                                    .is(after.createdAt())
                                                    .and("_id")
                                                    .lt(after.id())));
        }
        return mongo.find(
                        query(criteria)
                                .with(Sort.by(Sort.Direction.DESC, "createdAt", "_id"))
                                .limit(limit + 1),
                        LineDocument.class)
                .collectList()
                .map(found -> {
                    if (found.size() <= limit) {
                        return new CursorPage<>(found, null);
                    }
                    List<LineDocument> items = found.subList(0, limit);
                    LineDocument last = items.get(limit - 1);
                    return new CursorPage<>(items, new Position(last.createdAt(), last.id()).encode());
                });
    }

    private record Position(Instant createdAt, ObjectId id) {

        String encode() {
            String raw = createdAt.toEpochMilli() + "\n" + id.toHexString();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            try {
                String[] parts =
                        new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 2);
                return new Position(Instant.ofEpochMilli(Long.parseLong(parts[0])), new ObjectId(parts[1]));
            } catch (RuntimeException invalid) {
                throw Problems.invalid("cursor", "is not a cursor returned by this API");
            }
        }
    }
}
