package io.leadsuite.leads.lead;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.web.Problems;
import io.leadsuite.leads.model.IntegrationIds;
import io.leadsuite.leads.model.LeadDocument;
import io.leadsuite.leads.model.LeadRules;
import io.leadsuite.leads.model.LeadState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Which existing lead holds a unique value (the email, an integration id) that a write collided with.
 * The unique indexes decide that a write conflicts; this names the field and the lead, for the 409 of a
 * single write and the items of a batch.
 */
@Component
class LeadConflicts {

    private static final String EMAIL = "email";
    private static final String UNNAMED = "The lead conflicts with another of your leads";

    private final ReactiveMongoTemplate mongo;

    LeadConflicts(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A unique field that collided, and the lead that already has the value. */
    record Conflict(String field, String existingLeadId) {

        ErrorResponseException problem() {
            ProblemDetail detail = Problems.titled(
                    HttpStatus.CONFLICT, "Another of your leads already has this " + field + ": " + existingLeadId);
            detail.setProperty("field", field);
            detail.setProperty("existingLeadId", existingLeadId);
            return new ErrorResponseException(HttpStatus.CONFLICT, detail, null);
        }
    }

    /**
     * One unique value of a lead, as its unique index keys it.
     *
     * @param field {@code email} or {@code integrationIds.<platform>}
     * @param key the indexed value: the lead's {@code emailKey}, or its {@code integrationKeys} entry
     */
    record UniqueKey(String field, String key) {}

    /** Fails with the 409 that names the collided field and the lead holding it. */
    <T> Mono<T> fail(String userId, @Nullable LeadState state) {
        if (state == null) {
            return Mono.error(Problems.of(HttpStatus.CONFLICT, UNNAMED));
        }
        return find(userId, List.of(state))
                .flatMap(found -> Mono.error(keysOf(userId, state).stream()
                        .map(found::get)
                        .filter(Objects::nonNull)
                        .findFirst()
                        .map(Conflict::problem)
                        .orElseGet(() -> Problems.of(HttpStatus.CONFLICT, UNNAMED))));
    }

    /**
     * The conflict of the lead {@code id} in {@code state}, a write that failed as a duplicate, among
     * {@code existing} (from {@link #find}); empty when the lead it collided with is itself.
     */
    static @Nullable Conflict of(ObjectId id, String userId, LeadState state, Map<UniqueKey, Conflict> existing) {
        for (UniqueKey key : keysOf(userId, state)) {
            Conflict conflict = existing.get(key);
            if (conflict != null && !conflict.existingLeadId().equals(id.toHexString())) {
                return conflict;
            }
        }
        return null;
    }

    /** The existing leads that hold the unique values of {@code states}, by unique key. */
    Mono<Map<UniqueKey, Conflict>> find(String userId, Collection<LeadState> states) {
        Set<UniqueKey> keys = new LinkedHashSet<>();
        states.forEach(state -> keys.addAll(keysOf(userId, state)));
        return holding(keys).map(existing -> {
            Map<UniqueKey, Conflict> conflicts = new HashMap<>();
            for (LeadDocument lead : existing) {
                keysOf(lead)
                        .forEach(key -> conflicts.putIfAbsent(
                                key, new Conflict(key.field(), lead.id().toHexString())));
            }
            return conflicts;
        });
    }
    /**
     * The leads that hold any of {@code keys} (the keys name the user; deleted leads hold none): one
     * query per unique field, each answered by that field's unique index (an {@code $or} of them is not,
     * on the embedded store).
     */
    /** The leads that hold any of {@code keys} (the keys name the user; deleted leads hold none). */
    Mono<List<LeadDocument>> holding(Collection<UniqueKey> keys) {
        if (keys.isEmpty()) {
            return Mono.just(List.of());
        }
        Map<String, Set<String>> byField = new HashMap<>();
        keys.forEach(key -> byField.computeIfAbsent(key.field(), field -> new LinkedHashSet<>())
                .add(key.key()));
        return Flux.fromIterable(byField.entrySet())
                .concatMap(values -> mongo.find(
                        query(where(indexedField(values.getKey())).in(values.getValue())), LeadDocument.class))
                .distinct(LeadDocument::id)
                .collectList();
    }

    /** The unique values of a lead: its email first, then one per integration id. */
    static List<UniqueKey> keysOf(String userId, LeadState state) {
        return keysOf(userId, state.fields().email(), state.integrationIds());
    }

    /** The unique values of a stored lead. */
    static List<UniqueKey> keysOf(LeadDocument lead) {
        return keysOf(lead.userId(), LeadState.of(lead));
    }

    /**
     * The unique values that {@code email} and {@code ids}, as a caller gave them, would take: the ones
     * that are there and not blank, trimmed, as the rules store them.
     */
    static List<UniqueKey> keysOf(String userId, @Nullable String email, @Nullable IntegrationIds ids) {
        List<UniqueKey> keys = new ArrayList<>();
        if (email != null && !email.isBlank()) {
            keys.add(new UniqueKey(EMAIL, LeadRules.emailKey(userId, email)));
        }
        if (ids != null) {
            ids.present().forEach((platform, id) -> {
                if (!id.isBlank()) {
                    keys.add(new UniqueKey("integrationIds." + platform, IntegrationIds.key(userId, id.strip())));
                }
            });
        }
        return keys;
    }

    private static String indexedField(String field) {
        return field.equals(EMAIL)
                ? "emailKey"
                : "integrationKeys." + IntegrationIds.keyField(field.substring("integrationIds.".length()));
    }
}
