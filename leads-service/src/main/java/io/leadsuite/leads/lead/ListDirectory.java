package io.leadsuite.leads.lead;

import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.FieldViolation;
import io.leadsuite.common.web.Problems;
import java.util.List;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Answers whether a list belongs to the caller, for the {@code listId} rule. Lists are lists-service's
 * data; {@code list.KnownLists} knows them from its events and asks lists-service about new ones.
 */
public interface ListDirectory {

    /** The violation of a {@code listId} that is not one of the caller's lists. */
    FieldViolation UNKNOWN_LIST = new FieldViolation("listId", "is not the id of one of your lists");

    /** {@code true} if {@code listId} is one of {@code tenant}'s lists; an error if it cannot tell now. */
    Mono<Boolean> isListOf(Tenant tenant, ObjectId listId);

    /** Completes if {@code listId} is absent or one of {@code tenant}'s lists; a 400 naming it otherwise. */
    default Mono<Void> require(Tenant tenant, @Nullable ObjectId listId) {
        if (listId == null) {
            return Mono.empty();
        }
        return isListOf(tenant, listId)
                .flatMap(known -> known ? Mono.<Void>empty() : Mono.error(Problems.invalid(List.of(UNKNOWN_LIST))));
    }
}
