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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

/**
 * Which existing lead holds a unique value (the email, an integration id) that a write collided with.
 * The unique indexes decide that a write conflicts; this names the field and the lead, for the 409 of a
 * single write and the items of a batch.
 */
@Component
class LeadConflicts {

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
     * The conflict of {@code lead}, a document that failed to insert as a duplicate, among {@code
     * existing} (from {@link #find}); empty when the lead it collided with is itself.
     */
    static @Nullable Conflict of(LeadDocument lead, Map<String, Conflict> existing) {
        for (String key : keysOf(lead.userId(), LeadState.of(lead))) {
            Conflict conflict = existing.get(key);
            if (conflict != null && !conflict.existingLeadId().equals(lead.id().toHexString())) {
                return conflict;
            }
        }
        return null;
    }

    /** The existing leads that hold the unique values of {@code states}, by {@link #keysOf} key. */
    Mono<Map<String, Conflict>> find(String userId, Collection<LeadState> states) {
        if (states.isEmpty()) {
            return Mono.just(Map.of());
        }
        Set<String> emailKeys = new HashSet<>();
        Map<String, Set<String>> platformKeys = new HashMap<>();
        for (LeadState state : states) {
            emailKeys.add(LeadRules.emailKey(userId, state.fields().email()));
            state.integrationIds()
                    .present()
                    .forEach((platform, id) -> platformKeys
                            .computeIfAbsent(platform, p -> new HashSet<>())
                            .add(IntegrationIds.key(userId, id)));
        }
        List<Criteria> any = new ArrayList<>();
        any.add(where("emailKey").in(emailKeys));
        platformKeys.forEach((platform, keys) -> any.add(
                where("integrationKeys." + IntegrationIds.keyField(platform)).in(keys)));
        return mongo.find(query(new Criteria().orOperator(any)), LeadDocument.class)
                .collectList()
                .map(existing -> {
                    Map<String, Conflict> conflicts = new HashMap<>();
                    for (LeadDocument lead : existing) {
                        String id = lead.id().toHexString();
                        if (lead.emailKey() != null) {
                            conflicts.putIfAbsent(lead.emailKey(), new Conflict("email", id));
                        }
                        lead.integrationIdsOrNone()
                                .present()
                                .forEach((platform, recordId) -> conflicts.putIfAbsent(
                                        platformKey(platform, userId, recordId),
                                        new Conflict("integrationIds." + platform, id)));
                    }
                    return conflicts;
                });
    }

    /** The unique values of a lead, as {@link #find} keys them: the email key, then one per integration id. */
    private static List<String> keysOf(String userId, LeadState state) {
        List<String> keys = new ArrayList<>();
        keys.add(LeadRules.emailKey(userId, state.fields().email()));
        state.integrationIds().present().forEach((platform, id) -> keys.add(platformKey(platform, userId, id)));
        return keys;
    }

    private static String platformKey(String platform, String userId, String recordId) {
        return platform + "|" + IntegrationIds.key(userId, recordId);
    }
}
