package io.leadsuite.lines.org;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.lines.line.LineDocument;
import io.leadsuite.lines.org.OrganizationDocument.SlotIntent;
import io.leadsuite.lines.settings.LinesProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Finishes or undoes the counter changes of {@link SlotLedger} that a crash left half done, with the
 * ledger's own steps: a stale hold whose line exists is settled, one whose line does not is fenced and
 * undone; a stale release is finished forward; a stale release claim is taken over; an owed release no
 * releaser picked up is run. Runs every {@code leadsuite.lines.slots.recovery-interval}.
 */
@Component
class SlotRecovery implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(SlotRecovery.class);

    private final ReactiveMongoTemplate mongo;
    private final SlotLedger ledger;
    private final Clock clock;
    private final LinesProperties properties;

    SlotRecovery(ReactiveMongoTemplate mongo, SlotLedger ledger, Clock clock, LinesProperties properties) {
        this.mongo = mongo;
        this.ledger = ledger;
        this.clock = clock;
        this.properties = properties;
    }

    /** Every {@code recoveryInterval}, the first time one interval after start. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        Duration every = properties.slots().recoveryInterval();
        tasks.addFixedDelayTask(new FixedDelayTask(() -> recover().block(Duration.ofMinutes(5)), every, every));
    }

    /**
     * Finishes what crashed writers left: intents and release claims older than the grace period
     * ({@code leadsuite.lines.slots.grace}), and lines owing a slot that no release picked up. Safe to
     * run anywhere, any number of times. One item that fails is logged and left for
     * the next run; the others go on.
     */
    Mono<Recovery> recover() {
        Instant stale = clock.instant().minus(properties.slots().grace());
        Mono<Long> intents = mongo.find(query(where("slotIntents.at").lt(stale)), OrganizationDocument.class)
                .concatMap(org -> Flux.fromIterable(org.slotIntents() == null ? List.of() : org.slotIntents())
                        .filter(intent -> intent.at().isBefore(stale))
                        .concatMap(
                                intent -> safely(recoverIntent(org.clerkOrgId(), intent), "intent", intent.lineId())))
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
                .concatMap(line -> safely(ledger.release(line.id()), "owed release", line.id()))
                .count();
        return intents.flatMap(i -> claims.flatMap(c -> owed.map(o -> new Recovery(i, c, o))))
                .doOnNext(recovery -> {
                    if (recovery.total() > 0) {
                        log.warn("Recovered interrupted slot changes: {}", recovery);
                    }
                });
    }

    /** What one {@link #recover()} pass acted on: stale intents, taken-over claims, owed releases. */
    record Recovery(long intents, long claims, long releases) {
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

    private Mono<Boolean> recoverIntent(String workspaceId, SlotIntent intent) {
        ObjectId lineId = intent.lineId();
        if (intent.op() == SlotIntent.Op.release) {
            String token = Objects.requireNonNullElse(intent.token(), "");
            // Still claimed by the release that decremented: finish it; otherwise settle or undo it.
            return ledger.markReleased(lineId, token)
                    .flatMap(marked -> marked
                            ? ledger.settle(workspaceId, lineId).thenReturn(true)
                            : ledger.confirmOrUndoRelease(workspaceId, lineId, intent.billingType(), token))
                    .thenReturn(true);
        }
        // Inserted (and not a fence): the purchase completed. No line: fence it, then the hold is void.
        Mono<Boolean> purchased = mongo.findById(lineId, Document.class, LineDocument.COLLECTION)
                .map(existing -> !Boolean.TRUE.equals(existing.getBoolean("abandoned")));
        return purchased
                .switchIfEmpty(fence(workspaceId, lineId)
                        .flatMap(fenced -> fenced ? Mono.just(false) : purchased.defaultIfEmpty(true)))
                .flatMap(inserted -> inserted
                        ? ledger.settle(workspaceId, lineId)
                        : ledger.undoHold(workspaceId, lineId, intent.billingType())
                                .then())
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
                .flatMap(claimed -> ledger.decrementAndFinish(line, token));
    }
}
