package io.leadsuite.lines.org;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.lines.line.BillingType;
import io.leadsuite.lines.line.LineDocument;
import io.leadsuite.lines.line.LineSlots;
import io.leadsuite.lines.org.OrganizationDocument.SlotIntent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.BasicQuery;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps an organization's line counters exact without transactions. A line and its counters are two
 * documents, so every counter change is written first as an <em>intent</em> inside the organization
 * document, by the same atomic update that changes the counters, and settled (removed) once the line
 * agrees. At most one intent per line exists at a time ({@code slotIntents.lineId $ne}), and the
 * intent stays until the line reflects it, so a change is never counted twice; an intent left behind
 * by a crash is finished or undone by {@link SlotRecovery}.
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
 *
 * <p>This class is the normal path; {@link SlotRecovery} finishes or undoes what a crash left, with
 * the same steps.
 */
@Component
class SlotLedger implements LineSlots {

    private final ReactiveMongoTemplate mongo;
    private final Organizations organizations;
    private final Clock clock;

    SlotLedger(ReactiveMongoTemplate mongo, Organizations organizations, Clock clock) {
        this.mongo = mongo;
        this.organizations = organizations;
        this.clock = clock;
    }

    /**
     * Takes a free slot if one is left, otherwise a paid one, for a line about to be inserted; returns
     * which. The organization is created with the plan's defaults if this is its first line. With a
     * purchase's {@code idempotencyKey}, completes empty instead while another request with the same
     * key holds a slot, so that retries racing each other take one slot between them (the first one's:
     * a retry never turns a free purchase into a paid one).
     */
    @Override
    public Mono<BillingType> hold(String workspaceId, ObjectId lineId, @Nullable String idempotencyKey) {
        Document unheld =
                new Document("clerkOrgId", workspaceId).append("slotIntents.lineId", new Document("$ne", lineId));
        if (idempotencyKey != null) {
            unheld.append("slotIntents.token", new Document("$ne", idempotencyKey));
        }
        Document free = new Document(unheld)
                .append("$expr", new Document("$lt", List.of("$freeLinesUsed", "$freeLinesIncluded")));
        Document paid = new Document(unheld);
        if (idempotencyKey != null) {
            // The free take may have failed only because the key's earlier hold was still there; if
            // recovery removed it since, a free slot may be back: then take none, and the retry tries again.
            paid.append("$expr", new Document("$gte", List.of("$freeLinesUsed", "$freeLinesIncluded")));
        }
        Mono<BillingType> taken = take(new BasicQuery(free), lineId, idempotencyKey, BillingType.free)
                .switchIfEmpty(take(new BasicQuery(paid), lineId, idempotencyKey, BillingType.paid));
        return organizations
                .current(workspaceId)
                .then(
                        idempotencyKey != null
                                ? taken
                                : taken.switchIfEmpty(Mono.error(() -> new IllegalStateException("Organization "
                                        + workspaceId + " is missing or already holds a slot for line " + lineId))));
    }

    private Mono<BillingType> take(
            Query where, ObjectId lineId, @Nullable String idempotencyKey, BillingType billingType) {
        Instant now = clock.instant();
        return mongo.findAndModify(
                        where,
                        counters(billingType, 1)
                                .push(
                                        "slotIntents",
                                        new SlotIntent(lineId, SlotIntent.Op.hold, billingType, idempotencyKey, now)),
                        OrganizationDocument.class)
                .map(org -> billingType);
    }

    /** Gives back a slot taken by {@link #hold} whose line was never inserted; exactly once. */
    @Override
    public Mono<Boolean> undoHold(String workspaceId, ObjectId lineId, BillingType billingType) {
        return mongo.updateFirst(
                        query(where("clerkOrgId")
                                .is(workspaceId)
                                .and("slotIntents")
                                .elemMatch(where("lineId").is(lineId).and("op").is(SlotIntent.Op.hold))),
                        counters(billingType, -1).pull("slotIntents", new Document("lineId", lineId)),
                        OrganizationDocument.class)
                .map(result -> result.getModifiedCount() > 0);
    }

    /** Removes a line's intent once the line reflects it. */
    @Override
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
    @Override
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
                                        new SlotIntent(
                                                line.id(), SlotIntent.Op.release, line.billingType(), token, now)),
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
    Mono<Boolean> markReleased(ObjectId lineId, String token) {
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
    Mono<Boolean> confirmOrUndoRelease(String workspaceId, ObjectId lineId, BillingType billingType, String token) {
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
                                                        .is(SlotIntent.Op.release)
                                                        .and("token")
                                                        .is(token))),
                                        counters(billingType, 1)
                                                .pull(
                                                        "slotIntents",
                                                        new Document("lineId", lineId).append("token", token)),
                                        OrganizationDocument.class)
                                .thenReturn(false));
    }

    private static Update counters(BillingType billingType, int delta) {
        String counter = billingType == BillingType.free ? "freeLinesUsed" : "totalLinesPurchased";
        return new Update().inc(counter, delta).inc("totalLinesCount", delta);
    }
}
