package io.leadsuite.imports.push;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.events.EventEnvelope;
import io.leadsuite.common.events.LeadChange;
import io.leadsuite.imports.hubspot.ContactMapping;
import io.leadsuite.imports.hubspot.HubSpotClient;
import io.leadsuite.imports.job.DuplicatePolicy;
import io.leadsuite.imports.job.ImportJob;
import io.leadsuite.imports.run.LeadsBatchClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Pushes local lead changes to the user's HubSpot. Changes of {@code leads.lead-changes.v1} are merged
 * per lead into {@code push_queue} (durable, so a restart loses none), and sent as batch upserts by
 * email of {@value HubSpotClient#UPSERT_BATCH} contacts per call: a full batch at once, the rest once
 * its oldest change has waited the window, within the account's shared call budget.
 *
 * <ul>
 *   <li>Only users with an active HubSpot connection ({@code crm_connections}) are pushed.
 *   <li>No echo: a change made by a HubSpot import job ({@code import:<jobId>} of a {@code hubspot}
 *       job) or by this push itself ({@value #ACTOR}) is never pushed back.
 *   <li>A created lead sends its standard fields; an updated one only the fields its changes touched,
 *       so concurrent edits of different fields on both sides both survive. For one field edited on
 *       both sides between two syncs, the later write to HubSpot wins: the local edit once it is pushed
 *       (the next sync finds HubSpot agreeing), or HubSpot's if it was made after the push (the next
 *       sync brings it here).
 *   <li>The contact id HubSpot answers is stored in the lead's {@code integrationIds.hubspotRecordId}
 *       through leads-service's batch endpoint, as {@value #ACTOR}.
 *   <li>A 207's refused inputs, and every lead of a call that failed after its retries, are recorded per
 *       lead in {@code push_errors}; a later successful push of the lead removes its entry.
 * </ul>
 */
@Component
public class LeadPush {

    /** The actor of the push's own writes to leads. */
    public static final String ACTOR = "system:hubspot-push";

    static final String PROVIDER = "hubspot";

    /** How long one instance holds a user's queue while it pushes it. */
    static final Duration LEASE = Duration.ofMinutes(2);

    private static final String OWNER = "push-" + UUID.randomUUID();

    private static final Logger log = LoggerFactory.getLogger(LeadPush.class);

    private final ReactiveMongoTemplate mongo;
    private final HubSpotClient hubspot;
    private final LeadsBatchClient leads;
    private final MeterRegistry meters;
    private final Clock clock;

    LeadPush(
            ReactiveMongoTemplate mongo,
            HubSpotClient hubspot,
            LeadsBatchClient leads,
            MeterRegistry meters,
            Clock clock) {
        this.mongo = mongo;
        this.hubspot = hubspot;
        this.leads = leads;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * Queues the changes among {@code events} that a connected user's HubSpot has not seen: each one
     * merged, in event order, into its lead's entry of {@code push_queue}, in one bulk write.
     */
    public Mono<Void> enqueue(List<EventEnvelope<LeadChange>> events) {
        List<EventEnvelope<LeadChange>> changes = events.stream()
                .filter(event -> LeadChange.CREATED.equals(event.type()) || LeadChange.UPDATED.equals(event.type()))
                .filter(event -> event.data().lead() != null
                        && !ACTOR.equals(event.data().actor()))
                .toList();
        if (changes.isEmpty()) {
            return Mono.empty();
        }
        return echoes(changes).zipWith(connected(changes)).flatMap(known -> {
            var bulk = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, PendingPush.class);
            int queued = 0;
            for (EventEnvelope<LeadChange> event : changes) {
                String job = jobOf(event.data().actor());
                if (!known.getT2().contains(event.tenant().userId())
                        || (job != null && known.getT1().contains(job))) {
                    continue;
                }
                Update update = queued(event);
                if (update != null) {
                    bulk.upsert(query(where("_id").is(event.data().leadId())), update);
                    queued++;
                }
            }
            return queued == 0 ? Mono.empty() : bulk.execute().then();
        });
    }

    /** The change as an update of its lead's queue entry; {@code null} when it writes nothing HubSpot has. */
    private @Nullable Update queued(EventEnvelope<LeadChange> event) {
        Map<String, @Nullable Object> fields = fields(event);
        Object email = event.data().lead().fields().get("email");
        if ((fields.isEmpty() && !LeadChange.CREATED.equals(event.type())) || email == null) {
            return null;
        }
        Update update = new Update()
                .set("userId", event.tenant().userId())
                .set("workspaceId", event.tenant().workspaceId())
                .set("email", email.toString().toLowerCase(Locale.ROOT))
                .set("hubspotRecordId", event.data().lead().integrationIds().get("hubspotRecordId"))
                .max("version", event.data().version())
                .setOnInsert("queuedAt", clock.instant());
        fields.forEach((field, value) -> update.set("fields." + field, value));
        return update;
    }

    /**
     * Pushes what is due: for each user with queued changes, a full batch at once, a partial one once its
     * oldest change has waited {@code window}. A user's queue is pushed by one instance at a time (a lease
     * in {@code push_leases}); a change merged in while its batch was in flight stays queued.
     */
    public Mono<Void> flush(Duration window) {
        Query users = new Query().limit(10_000);
        users.fields().include("userId");
        return mongo.find(users, Document.class, PendingPush.COLLECTION)
                .map(entry -> entry.getString("userId"))
                .distinct()
                .concatMap(user -> flushUser(user, window))
                .then();
    }

    private Mono<Void> flushUser(String userId, Duration window) {
        String owner = OWNER;
        Instant now = clock.instant();
        return mongo.findAndModify(
                        query(where("_id")
                                .is(userId)
                                .orOperator(
                                        where("until").lt(now), where("owner").is(owner))),
                        new Update().set("owner", owner).set("until", now.plus(LEASE)),
                        FindAndModifyOptions.options().upsert(true).returnNew(true),
                        Map.class,
                        "push_leases")
                .onErrorResume(DuplicateKeyException.class, held -> Mono.empty())
                .flatMap(lease -> connection(userId)
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty())
                        .flatMap(connection -> connection.isPresent()
                                ? nextChunk(connection.get(), window)
                                        .repeat()
                                        .takeWhile(pushed -> pushed)
                                        .then()
                                : mongo.remove(query(where("userId").is(userId)), PendingPush.class)
                                        .then())
                        .then(mongo.remove(
                                query(where("_id").is(userId).and("owner").is(owner)), "push_leases"))
                        .then());
    }

    /** Pushes the user's next due batch: {@code true} if it pushed one. */
    private Mono<Boolean> nextChunk(CrmConnection connection, Duration window) {
        return mongo.find(
                        query(where("userId").is(connection.userId()))
                                .with(Sort.by("queuedAt"))
                                .limit(HubSpotClient.UPSERT_BATCH),
                        PendingPush.class)
                .collectList()
                .flatMap(chunk -> {
                    boolean due = chunk.size() == HubSpotClient.UPSERT_BATCH
                            || (!chunk.isEmpty()
                                    && !chunk.get(0)
                                            .queuedAt()
                                            .isAfter(clock.instant().minus(window)));
                    if (!due) {
                        return Mono.just(false);
                    }
                    return pushChunk(connection, chunk).then(dequeued(chunk)).thenReturn(true);
                });
    }

    /** Removes the pushed entries, unless a newer change was merged into one meanwhile. */
    private Mono<Void> dequeued(List<PendingPush> chunk) {
        var bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, PendingPush.class);
        chunk.forEach(pushed ->
                bulk.remove(query(where("_id").is(pushed.id()).and("version").is(pushed.version()))));
        return bulk.execute().then();
    }

    /** The standard fields to write: all of a created lead, the changed ones of an updated lead. */
    private static Map<String, @Nullable Object> fields(EventEnvelope<LeadChange> event) {
        Map<String, @Nullable Object> all = event.data().lead().fields();
        if (LeadChange.CREATED.equals(event.type())) {
            Map<String, @Nullable Object> present = new LinkedHashMap<>();
            all.forEach((field, value) -> {
                if (value != null) {
                    present.put(field, value);
                }
            });
            return present;
        }
        Map<String, @Nullable Object> changed = new LinkedHashMap<>();
        if (event.data().changes() != null) {
            event.data().changes().keySet().stream()
                    .filter(all::containsKey)
                    .forEach(field -> changed.put(field, all.get(field)));
        }
        return ContactMapping.contactProperties(changed).isEmpty() && !changed.containsKey("email")
                ? Map.of()
                : changed;
    }

    /** The import jobs among the changes' actors that are HubSpot imports: their changes are echoes. */
    private Mono<Set<String>> echoes(List<EventEnvelope<LeadChange>> events) {
        Set<ObjectId> jobIds = events.stream()
                .map(event -> jobOf(event.data().actor()))
                .filter(id -> id != null && ObjectId.isValid(id))
                .map(ObjectId::new)
                .collect(Collectors.toSet());
        if (jobIds.isEmpty()) {
            return Mono.just(Set.of());
        }
        return mongo.find(query(where("_id").in(jobIds).and("type").is(PROVIDER)), ImportJob.class)
                .map(job -> job.id().toHexString())
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static @Nullable String jobOf(String actor) {
        return actor.startsWith("import:") ? actor.substring("import:".length()) : null;
    }

    /** The users among the changes' with an active HubSpot connection. */
    private Mono<Set<String>> connected(List<EventEnvelope<LeadChange>> events) {
        Set<String> users =
                events.stream().map(event -> event.tenant().userId()).collect(Collectors.toSet());
        return mongo.find(
                        query(where("userId")
                                .in(users)
                                .and("provider")
                                .is(PROVIDER)
                                .and("active")
                                .is(true)),
                        CrmConnection.class)
                .map(CrmConnection::userId)
                .collect(Collectors.toCollection(HashSet::new));
    }

    private Mono<CrmConnection> connection(String userId) {
        return mongo.findOne(
                query(where("_id")
                        .is(CrmConnection.key(userId, PROVIDER))
                        .and("active")
                        .is(true)),
                CrmConnection.class);
    }

    private Mono<Void> pushChunk(CrmConnection connection, List<PendingPush> chunk) {
        Map<String, Map<String, String>> contacts = new LinkedHashMap<>();
        Map<String, PendingPush> byEmail = new LinkedHashMap<>();
        for (PendingPush lead : chunk) {
            contacts.put(lead.email(), ContactMapping.contactProperties(lead.fields()));
            byEmail.put(lead.email(), lead);
        }
        return hubspot.upsert(new ObjectId(connection.integrationId()), contacts)
                .flatMap(upserted -> {
                    count("pushed", upserted.contacts().size());
                    count("refused", upserted.refused().size());
                    List<Map<String, Object>> ids = new ArrayList<>();
                    List<String> pushed = new ArrayList<>();
                    for (var contact : upserted.contacts()) {
                        String email = String.valueOf(contact.properties().get("email"))
                                .toLowerCase(Locale.ROOT);
                        PendingPush lead = byEmail.get(email);
                        if (lead == null) {
                            continue;
                        }
                        pushed.add(lead.id());
                        if (!contact.id().equals(lead.hubspotRecordId())) {
                            ids.add(Map.of("email", email, "integrationIds", Map.of("hubspotRecordId", contact.id())));
                        }
                    }
                    List<PushError> errors = upserted.refused().entrySet().stream()
                            .filter(refused -> byEmail.containsKey(refused.getKey()))
                            .map(refused -> error(connection, byEmail.get(refused.getKey()), refused.getValue()))
                            .toList();
                    return storeIds(connection, chunk.get(0).workspaceId(), ids)
                            .then(cleared(pushed))
                            .then(recorded(errors));
                })
                .onErrorResume(failed -> {
                    log.warn(
                            "Pushing {} lead change(s) of integration {} to HubSpot failed: {}",
                            chunk.size(),
                            connection.integrationId(),
                            failed.getMessage());
                    count("failed", chunk.size());
                    return recorded(chunk.stream()
                            .map(lead -> error(connection, lead, "not pushed: " + failed.getMessage()))
                            .toList());
                });
    }

    private Mono<Void> storeIds(CrmConnection connection, @Nullable String workspace, List<Map<String, Object>> ids) {
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        return leads.store(new LeadsBatchClient.BatchRequest(
                        connection.userId(), workspace, ACTOR, PROVIDER, DuplicatePolicy.update, false, ids))
                .then();
    }

    private PushError error(CrmConnection connection, PendingPush lead, String message) {
        return new PushError(
                lead.id() + ":" + PROVIDER,
                lead.id(),
                connection.userId(),
                PROVIDER,
                lead.email(),
                message,
                clock.instant());
    }

    private Mono<Void> recorded(List<PushError> errors) {
        return Flux.fromIterable(errors).concatMap(mongo::save).then();
    }

    private Mono<Void> cleared(List<String> leadIds) {
        if (leadIds.isEmpty()) {
            return Mono.empty();
        }
        List<String> ids = leadIds.stream().map(id -> id + ":" + PROVIDER).toList();
        return mongo.remove(query(where("_id").in(ids)), PushError.class).then();
    }

    private void count(String outcome, int amount) {
        if (amount > 0) {
            meters.counter("leadsuite.imports.push.leads", "provider", PROVIDER, "outcome", outcome)
                    .increment(amount);
        }
    }
}
