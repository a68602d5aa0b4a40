package io.leadsuite.imports.crm;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;

/**
 * A provider's call allowance per account, shared by every worker instance through one document per
 * account and limit in {@code provider_budgets}: time is cut into fixed slots, and a call may start only
 * after it has taken one of the slot's places, waiting for the next slot when they are gone.
 *
 * <p>A provider counts over a rolling window, which any {@code n} fixed slots of {@code window / (n - 1)}
 * cover: with HubSpot's 110 calls per rolling 10 s, 1-s slots of 9 calls let at most 11 slots, 99 calls,
 * into any 10 s, leaving room for calls that reach HubSpot later than they took their place. Slots are
 * counted in wall-clock time, since the provider counts in it; instances whose clocks differ only wait
 * longer, as the document holds the latest slot any of them has seen.
 */
public class CallBudget {

    static final String COLLECTION = "provider_budgets";

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    public CallBudget(ReactiveMongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** One account's limit: {@code places} calls per {@code slot}. */
    public record Limit(String key, int places, Duration slot) {}

    @Document(COLLECTION)
    record Slot(@Id String id, long slot, int taken) {}

    /** Completes once a place in the current slot is taken, after waiting for a slot with room. */
    public Mono<Void> take(Limit limit) {
        return Mono.defer(() -> {
            long now = clock.millis();
            long slotMillis = limit.slot().toMillis();
            long slot = now / slotMillis;
            return tryTake(limit, slot, true)
                    .flatMap(taken -> taken
                            ? Mono.<Void>empty()
                            : Mono.delay(Duration.ofMillis((slot + 1) * slotMillis - now))
                                    .then(take(limit)));
        });
    }

    private Mono<Boolean> tryTake(Limit limit, long slot, boolean mayInsert) {
        FindAndModifyOptions options = FindAndModifyOptions.options().returnNew(true);
        Mono<Slot> sameSlot = mongo.findAndModify(
                query(where("_id")
                        .is(limit.key())
                        .and("slot")
                        .is(slot)
                        .and("taken")
                        .lt(limit.places())),
                new Update().inc("taken", 1),
                options,
                Slot.class);
        Mono<Slot> newSlot = mongo.findAndModify(
                query(where("_id").is(limit.key()).and("slot").lt(slot)),
                new Update().set("slot", slot).set("taken", 1),
                options,
                Slot.class);
        Mono<Boolean> first = mayInsert
                ? mongo.insert(new Slot(limit.key(), slot, 1))
                        .thenReturn(true)
                        .onErrorResume(DuplicateKeyException.class, raced -> tryTake(limit, slot, false))
                : Mono.just(false);
        return sameSlot.switchIfEmpty(newSlot)
                .map(taken -> true)
                .switchIfEmpty(Mono.defer(() -> mongo.exists(query(where("_id").is(limit.key())), Slot.class)
                        .flatMap(exists -> exists ? Mono.just(false) : first)));
    }
}
