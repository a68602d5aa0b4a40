package io.leadsuite.leads.list;

import java.time.Instant;
import org.bson.types.ObjectId;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What leads-service knows of a list, from lists-service's events: whose it is and whether it was
 * deleted. Enough to check {@code listId} while lists-service is down.
 */
@Document(ListRef.COLLECTION)
record ListRef(@Id ObjectId id, String userId, boolean deleted, Instant updatedAt) {

    static final String COLLECTION = "list_refs";
}
