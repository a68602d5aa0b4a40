package io.leadsuite.lists.list;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.events.EventEnvelope;
import io.leadsuite.common.events.ListChange;
import io.leadsuite.common.mongo.VersionedUpdate;
import io.leadsuite.common.outbox.Outbox;
import io.leadsuite.common.outbox.OutboxSignal;
import io.leadsuite.common.outbox.PendingEvent;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.FieldViolation;
import io.leadsuite.common.web.Problems;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates, changes and deletes lists. Each change is one single-document write that also queues the
 * change's event in the list (the outbox relayed to {@code lists.list-changes.v1}); names are unique
 * per user regardless of case through a unique index on {@code nameKey}.
 */
@Component
public class ListWriter {

    private final ReactiveMongoTemplate mongo;
    private final OutboxSignal outbox;
    private final JsonMapper json;
    private final Clock clock;
    private final String source;

    ListWriter(
            ReactiveMongoTemplate mongo,
            OutboxSignal outbox,
            JsonMapper json,
            Clock clock,
            @Value("${spring.application.name}") String source) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.source = source;
    }

    /** The lists of a user that are not deleted: every read and write starts here. */
    public static Criteria live(String userId) {
        return where("userId").is(userId).and("deletedAt").isNull();
    }

    Mono<ListDocument> create(Tenant tenant, @Nullable String name, @Nullable String description) {
        List<FieldViolation> violations = new ArrayList<>();
        String validName = ListRules.name(name, violations);
        String validDescription = ListRules.description(description, violations);
        if (!violations.isEmpty()) {
            return Mono.error(Problems.invalid(violations));
        }
        Instant now = now();
        ObjectId id = new ObjectId();
        PendingEvent event = event(ListChange.CREATED, tenant, now, new ListChange(id.toHexString(), validName, null));
        ListDocument list = new ListDocument(
                id,
                tenant.userId(),
                validName,
                validDescription,
                0,
                now,
                now,
                1,
                ListRules.nameKey(tenant.userId(), validName),
                null,
                null,
                List.of(event),
                now);
        return mongo.insert(list)
                .onErrorResume(DuplicateKeyException.class, duplicate -> nameTaken(tenant.userId(), validName))
                .doOnSuccess(stored -> outbox.eventsPending());
    }

    /** JSON Merge Patch of {@code name} and {@code description}. */
    Mono<ListDocument> update(Tenant tenant, String id, Map<String, @Nullable Object> patch) {
        List<FieldViolation> violations = ListRules.patchShape(patch);
        if (!violations.isEmpty()) {
            return Mono.error(Problems.invalid(violations));
        }
        Object name = patch.get("name");
        Object description = patch.get("description");
        return mutate(tenant, id, current -> {
                    List<FieldViolation> problems = new ArrayList<>();
                    String newName =
                            patch.containsKey("name") ? ListRules.name((String) name, problems) : current.name();
                    String newDescription = patch.containsKey("description")
                            ? ListRules.description((String) description, problems)
                            : current.description();
                    if (!problems.isEmpty()) {
                        return Mono.error(Problems.invalid(problems));
                    }
                    if (newName.equals(current.name()) && Objects.equals(newDescription, current.description())) {
                        return Mono.empty();
                    }
                    Instant now = now();
                    PendingEvent event = event(ListChange.UPDATED, tenant, now, new ListChange(id, newName, null));
                    Update update = Outbox.append(
                            new Update()
                                    .set("name", newName)
                                    .set("nameKey", ListRules.nameKey(tenant.userId(), newName))
                                    .set("updatedAt", now)
                                    .inc("version", 1),
                            event);
                    if (newDescription == null) {
                        update.unset("description");
                    } else {
                        update.set("description", newDescription);
                    }
                    return Mono.just(update);
                })
                .onErrorResume(DuplicateKeyException.class, duplicate -> nameTaken(tenant.userId(), (String) name));
    }

    /**
     * Deletes the list (a tombstone until its {@code ListDeleted} event is relayed; the name is free at
     * once). leads-service then takes the list's leads out of it, or deletes them with
     * {@code deleteLeads}. Returns the list as it was.
     */
    Mono<ListDocument> delete(Tenant tenant, String id, boolean deleteLeads) {
        Mono<ListDocument> before = find(tenant, id);
        return before.flatMap(list -> mutate(tenant, id, current -> {
                    Instant now = now();
                    PendingEvent event = event(ListChange.DELETED, tenant, now, new ListChange(id, null, deleteLeads));
                    return Mono.just(Outbox.append(
                            new Update()
                                    .set("deletedAt", now)
                                    .set("updatedAt", now)
                                    .inc("version", 1)
                                    .unset("nameKey"),
                            event));
                })
                .thenReturn(list));
    }

    Mono<ListDocument> find(Tenant tenant, String id) {
        if (!ObjectId.isValid(id)) {
            return Mono.error(Problems.notFound("List " + id));
        }
        return mongo.findOne(query(live(tenant.userId()).and("_id").is(new ObjectId(id))), ListDocument.class)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("List " + id)));
    }

    /** Changes the list from its current state, unless others change it at the same time (then 409). */
    private Mono<ListDocument> mutate(Tenant tenant, String id, Function<ListDocument, Mono<Update>> change) {
        return VersionedUpdate.apply(
                        mongo,
                        find(tenant, id),
                        current -> VersionedUpdate.liveAt(current.id(), current.version()),
                        change,
                        ListDocument.class,
                        "The list is being changed by others at the same time; try again")
                .doOnSuccess(written -> outbox.eventsPending());
    }

    private <T> Mono<T> nameTaken(String userId, String name) {
        return mongo.findOne(query(where("nameKey").is(ListRules.nameKey(userId, name))), ListDocument.class)
                .map(existing -> {
                    ProblemDetail problem = Problems.titled(
                            HttpStatus.CONFLICT, "You already have a list named \"" + existing.name() + "\"");
                    problem.setProperty("field", "name");
                    problem.setProperty("existingListId", existing.id().toHexString());
                    return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
                })
                .defaultIfEmpty(Problems.of(HttpStatus.CONFLICT, "You already have a list with this name"))
                .flatMap(Mono::error);
    }

    private PendingEvent event(String type, Tenant tenant, Instant at, ListChange change) {
        EventEnvelope<ListChange> envelope = EventEnvelope.of(
                type, source, at, new EventEnvelope.Tenant(tenant.userId(), tenant.workspaceId()), change);
        return PendingEvent.of(envelope, json);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
