package io.leadsuite.lines.org;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.lines.config.LinesProperties;
import io.leadsuite.lines.line.LineDocument;
import io.leadsuite.lines.org.OrganizationDocument.SlotIntent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.BasicQuery;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps an organization's line counters exact without transactions. A line and its counters are two
 * documents, so every counter change is written first as an <em>intent</em> inside the organization
 * document, by the same atomic update that changes the counters, and settled (removed) once the line
 * agrees. At most one intent per line exists at a time ({@code slotIntents.lineId $ne}), and the
 * intent stays until the line reflects it, so a change is never counted twice; an intent left behind
 * by a crash is finished or undone by {@link #recover()}.
 *
 * <ul>
 *   <li><b>Hold</b> (purchase): {@code free} while {@code freeLinesUsed < freeLinesIncluded} (one
 *       conditional update, so concurrent buyers can never take more free slots than there are),
 *       else {@code paid}; then the line is inserted; then the intent is settled. A stale hold intent
 *       whose line does not exist is fenced (a tombstone takes the line's id, so the purchase can no
 *       longer complete) and undone.
 *   <li><b>Release</b> (failed or deleted line): the releaser first claims the line ({@code
 *       releaseClaim}, one at a time), then decrements with an intent, then marks the line released,
 *       then settles. A stale release intent is finished forward (the line is marked released); a stale
 *       claim without an intent is taken over and run again.
 * </ul>
 */
@Component
public class SlotLedger {

    private static final Logger log = LoggerFactory.getLogger(SlotLedger.class);

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;
    private final LinesProperties properties;

    SlotLedger(ReactiveMongoTemplate mongo, Clock clock, LinesProperties properties) {
        this.mongo = mongo;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * Takes a free slot if one is left, otherwise a paid one, for a line about to be inserted; returns
     * which. With a purchase's {@code idempotencyKey}, completes empty instead while another request
     * with the same key holds a slot, so that retries racing each other take one slot between them
     * (the first one's: a retry never turns a free purchase into a paid one).
     */
    public Mono<String> hold(String workspaceId, ObjectId lineId, @Nullable String idempotencyKey) {
        Document unheld =
                new Document("clerkOrgId", workspaceId).append("slotIntents.lineId", new Document("$ne", lineId));
        if (idempotencyKey != null) {
            unheld.append("slotIntents.token", new Document("$ne", idempotencyKey));
        }
        Document free = new Document(unheld)
                .append("$expr", new Document("$lt", List.of("$freeLinesUsed", "$freeLinesIncluded")));
        Mono<String> taken = take(new BasicQuery(free), lineId, idempotencyKey, LineDocument.FREE)
                .switchIfEmpty(take(new BasicQuery(unheld), lineId, idempotencyKey, LineDocument.PAID));
        return idempotencyKey != null
                ? taken
                : taken.switchIfEmpty(Mono.error(() -> new IllegalStateException(
                        "Organization " + workspaceId + " is missing or already holds a slot for line " + lineId)));
    }

    private Mono<String> take(Query where, ObjectId lineId, @Nullable String idempotencyKey, String billingType) {
        Instant now = clock.instant();
        return mongo.findAndModify(
                        where,
                        counters(billingType, 1)
                                .push(
                                        "slotIntents",
                                        new SlotIntent(lineId, SlotIntent.HOLD, billingType, idempotencyKey, now)),
                        OrganizationDocument.class)
                .map(org -> billingType);
    }

    /** Gives back a slot taken by {@link #hold} whose line was never inserted; exactly once. */
    public Mono<Boolean> undoHold(String workspaceId, ObjectId lineId, String billingType) {
        return mongo.updateFirst(
                        query(where("clerkOrgId")
                                .is(workspaceId)
                                .and("slotIntents")
                                .elemMatch(where("lineId").is(lineId).and("op").is(SlotIntent.HOLD))),
                        counters(billingType, -1).pull("slotIntents", new Document("lineId", lineId)),
                        OrganizationDocument.class)
                .map(result -> result.getModifiedCount() > 0);
    }

    /** Removes a line's intent once the line reflects it. */
    public Mono<Void> settle(String workspaceId, ObjectId lineId) {
        return mongo.updateFirst(
                        query(where("clerkOrgId")
                                .is(workspaceId)
                                .and("slotIntents.lineId")
                                .is(lineId)),
                        new Update().pull("slotIntents", new Document("lineId", lineId)),
                        OrganizationDocument.class)
                .then();
    }

    /**
     * Gives back the slot of a line that owes one ({@code releaseOwedAt}); a no-op when another release
     * is under way or the slot is already back. Completes with {@code true} when this call released it.
     */
    public Mono<Boolean> release(ObjectId lineId) {
        String token = UUID.randomUUID().toString();
        Instant now = clock.instant();
        return mongo.findAndModify(
                        query(where("_id")
                                .is(lineId)
                                .and("slotHeld")
                                .is(true)
                                .and("releaseOwedAt")
                                .ne(null)
                                .and("releaseClaim")
                                .is(null)),
                        new Update().set("releaseClaim", new LineDocument.ReleaseClaim(token, now)),
                        FindAndModifyOptions.options().returnNew(true),
                        LineDocument.class)
                .flatMap(line -> decrementAndFinish(line, token))
                .defaultIfEmpty(false);
    }

    /** Steps 2–4 of a release claimed with {@code token}: decrement with an intent, mark the line, settle. */
    Mono<Boolean> decrementAndFinish(LineDocument line, String token) {
        Instant now = clock.instant();
        return mongo.updateFirst(
                        query(where("clerkOrgId")
                                .is(line.workspaceId())
                                .and("slotIntents.lineId")
                                .ne(line.id())),
                        counters(line.billingType(), -1)
                                .push(
                                        "slotIntents",
                                        new SlotIntent(line.id(), SlotIntent.RELEASE, line.billingType(), token, now)),
                        OrganizationDocument.class)
                .flatMap(result -> {
                    if (result.getModifiedCount() == 0) {
                        // Another intent for the line (its purchase's, not yet settled): let go and try later.
                        return mongo.updateFirst(
                                        query(where("_id")
                                                .is(line.id())
                                                .and("releaseClaim.token")
                                                .is(token)),
                                        new Update().unset("releaseClaim"),
                                        LineDocument.class)
                                .thenReturn(false);
                    }
                    return markReleased(line.id(), token)
                            .flatMap(marked -> marked
                                    ? settle(line.workspaceId(), line.id()).thenReturn(true)
                                    : confirmOrUndoRelease(line.workspaceId(), line.id(), line.billingType(), token));
                });
    }

    /**
     * Marks the line released by {@code token}, only while that release still holds the line's claim
     * (a release whose claim was taken over must not mark it).
     */
    private Mono<Boolean> markReleased(ObjectId lineId, String token) {
        return mongo.updateFirst(
                        query(where("_id")
                                .is(lineId)
                                .and("slotHeld")
                                .is(true)
                                .and("releaseClaim.token")
                                .is(token)),
                        new Update()
                                .set("slotHeld", false)
                                .set("releasedBy", token)
                                .unset("releaseOwedAt")
                                .unset("releaseClaim"),
                        LineDocument.class)
                .map(result -> result.getModifiedCount() > 0);
    }

    /**
     * A decrement by {@code token} stands only if the line was marked released by {@code token}:
     * settle it then, otherwise give the slot back to the counters (exactly once, through the intent).
     */
    private Mono<Boolean> confirmOrUndoRelease(String workspaceId, ObjectId lineId, String billingType, String token) {
        return mongo.findById(lineId, Document.class, LineDocument.COLLECTION)
                .map(line -> token.equals(line.getString("releasedBy")))
                .defaultIfEmpty(false)
                .flatMap(ours -> ours
                        ? settle(workspaceId, lineId).thenReturn(true)
                        : mongo.updateFirst(
                                        query(where("clerkOrgId")
                                                .is(workspaceId)
                                                .and("slotIntents")
                                                .elemMatch(where("lineId")
                                                        .is(lineId)
                                                        .and("op")
                                                        .is(SlotIntent.RELEASE)
                                                        .and("token")
                                                        .is(token))),
                                        counters(billingType, 1)
                                                .pull(
                                                        "slotIntents",
                                                        new Document("lineId", lineId).append("token", token)),
                                        OrganizationDocument.class)
                                .thenReturn(false));
    }

    /**
     * Finishes what crashed writers left: intents and release claims older than the grace period
     * ({@code leadsuite.lines.slots.grace}), and lines owing a slot that no release picked up. Runs on a
     * schedule; safe to run anywhere, any number of times. One item that fails is logged and left for
     * the next run; the others go on.
     */
    public Mono<Recovery> recover() {
        Instant stale = clock.instant().minus(properties.slots().grace());
        Mono<Long> intents = mongo.find(query(where("slotIntents.at").lt(stale)), OrganizationDocument.class)
                .concatMap(org -> Flux.fromIterable(org.slotIntents() == null ? List.of() : org.slotIntents())
                        .filter(intent -> intent.at().isBefore(stale))
                        .concatMap(intent -> safely(recover(org.clerkOrgId(), intent), "intent", intent.lineId())))
                .count();
        Mono<Long> claims = mongo.find(
                        query(where("releaseClaim.at").lt(stale).and("slotHeld").is(true)), LineDocument.class)
                .concatMap(line -> safely(takeOver(line), "release claim", line.id()))
                .count();
        Mono<Long> owed = mongo.updateMulti(
                        query(where("releaseOwedAt").ne(null).and("slotHeld").is(false)),
                        new Update().unset("releaseOwedAt"),
                        LineDocument.class)
                .thenMany(mongo.find(
                        query(where("releaseOwedAt")
                                .lt(stale)
                                .and("slotHeld")
                                .is(true)
                                .and("releaseClaim")
                                .is(null)),
                        LineDocument.class))
                .concatMap(line -> safely(release(line.id()), "owed release", line.id()))
                .count();
        return intents.flatMap(i -> claims.flatMap(c -> owed.map(o -> new Recovery(i, c, o))))
                .doOnNext(recovery -> {
                    if (recovery.total() > 0) {
                        log.warn("Recovered interrupted slot changes: {}", recovery);
                    }
                });
    }

    /** What one {@link #recover()} pass acted on: stale intents, taken-over claims, owed releases. */
    public record Recovery(long intents, long claims, long releases) {
        long total() {
            return intents + claims + releases;
        }
    }

    private static Mono<Boolean> safely(Mono<Boolean> work, String what, ObjectId lineId) {
        return work.filter(Boolean::booleanValue).onErrorResume(failure -> {
            log.warn("Recovering the {} of line {} failed; next run retries: {}", what, lineId, failure.toString());
            return Mono.empty();
        });
    }

    private Mono<Boolean> recover(String workspaceId, SlotIntent intent) {
        ObjectId lineId = intent.lineId();
        if (SlotIntent.RELEASE.equals(intent.op())) {
            String token = Objects.requireNonNullElse(intent.token(), "");
            // Still claimed by the release that decremented: finish it; otherwise settle or undo it.
            return markReleased(lineId, token)
                    .flatMap(marked -> marked
                            ? settle(workspaceId, lineId).thenReturn(true)
                            : confirmOrUndoRelease(workspaceId, lineId, intent.billingType(), token))
                    .thenReturn(true);
        }
        // Inserted (and not a fence): the purchase completed. No line: fence it, then the hold is void.
        Mono<Boolean> purchased = mongo.findById(lineId, Document.class, LineDocument.COLLECTION)
                .map(existing -> !Boolean.TRUE.equals(existing.getBoolean("abandoned")));
        return purchased
                .switchIfEmpty(fence(workspaceId, lineId)
                        .flatMap(fenced -> fenced ? Mono.just(false) : purchased.defaultIfEmpty(true)))
                .flatMap(inserted -> inserted
                        ? settle(workspaceId, lineId)
                        : undoHold(workspaceId, lineId, intent.billingType()).then())
                .thenReturn(true);
    }

    /** Takes the line's id with a tombstone, so an interrupted purchase of it can never complete. */
    private Mono<Boolean> fence(String workspaceId, ObjectId lineId) {
        Instant now = clock.instant();
        Document tombstone = new Document("_id", lineId)
                .append("workspaceId", workspaceId)
                .append("abandoned", true)
                .append("slotHeld", false)
                .append("createdAt", now)
                .append("deletedAt", now);
        return mongo.insert(tombstone, LineDocument.COLLECTION)
                .thenReturn(true)
                .onErrorResume(DuplicateKeyException.class, inserted -> Mono.just(false));
    }

    /** A release claimed but abandoned before its counter change: take the claim over and run it. */
    private Mono<Boolean> takeOver(LineDocument line) {
        String token = UUID.randomUUID().toString();
        return mongo.findAndModify(
                        query(where("_id")
                                .is(line.id())
                                .and("slotHeld")
                                .is(true)
                                .and("releaseClaim.token")
                                .is(line.releaseClaim().token())),
                        new Update().set("releaseClaim", new LineDocument.ReleaseClaim(token, clock.instant())),
                        LineDocument.class)
                .flatMap(claimed -> decrementAndFinish(line, token));
    }

    private static Update counters(String billingType, int delta) {
        String counter = LineDocument.FREE.equals(billingType) ? "freeLinesUsed" : "totalLinesPurchased";
        return new Update().inc(counter, delta).inc("totalLinesCount", delta);
    }
}
