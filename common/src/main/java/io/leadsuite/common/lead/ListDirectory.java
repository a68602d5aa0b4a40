package io.leadsuite.common.lead;

import io.leadsuite.common.security.Tenant;
import org.bson.types.ObjectId;
import reactor.core.publisher.Mono;

/**
 * Answers whether a list belongs to the caller, for the {@code listId} rule. Lists are lists-service's
 * data; each deployable that writes leads says how it knows them.
 */
public interface ListDirectory {

    /** {@code true} if {@code listId} is one of {@code tenant}'s lists; an error if it cannot tell now. */
    Mono<Boolean> isListOf(Tenant tenant, ObjectId listId);
}
