package io.leadsuite.lines.line;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.events.LineChange;
import io.leadsuite.common.outbox.OutboxSignal;
import io.leadsuite.common.outbox.PendingEvent;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.FieldViolation;
import io.leadsuite.common.web.Problems;
import io.leadsuite.lines.line.LineEvents.State;
import io.leadsuite.lines.settings.LinesProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

/**
 * Buys a line: a free slot while the plan has one, otherwise a paid one ({@link LineSlots#hold}),
 * then the line with its {@code LinePurchased} event, then the order to the carrier. With an {@code
 * Idempotency-Key}, a retried purchase returns the line the first one bought and counts nothing again;
 * the same key with a different profile is refused.
 */
@Component
class PurchaseLineHandler {

    private static final Logger log = LoggerFactory.getLogger(PurchaseLineHandler.class);
    private static final int MAX_IDEMPOTENCY_KEY = 255;
    private static final int IN_PROGRESS_POLLS = 50;
    private static final Duration IN_PROGRESS_POLL = Duration.ofMillis(100);

    private final ReactiveMongoTemplate mongo;
    private final LineSlots ledger;
    private final LineRules rules;
    private final LineEvents events;
    private final LineMutations mutations;
    private final OutboxSignal outbox;
    private final CarrierOrders dispatcher;
    private final LinesProperties properties;
    private final MeterRegistry meters;

    PurchaseLineHandler(
            ReactiveMongoTemplate mongo,
            LineSlots ledger,
            LineRules rules,
            LineEvents events,
            LineMutations mutations,
            OutboxSignal outbox,
            CarrierOrders dispatcher,
            LinesProperties properties,
            MeterRegistry meters) {
        this.mongo = mongo;
        this.ledger = ledger;
        this.rules = rules;
        this.events = events;
        this.mutations = mutations;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.meters = meters;
        for (BillingType billing : BillingType.values()) {
            purchases(billing);
        }
    }

    /** {@code leadsuite.lines.purchases}: lines bought (not replays), by the slot they took. */
    private Counter purchases(BillingType billing) {
        return meters.counter("leadsuite.lines.purchases", "billing", billing.name());
    }

    /** A purchase's line, and whether it was bought by an earlier request with the same key. */
    record Purchase(LineDocument line, boolean replayed) {}

    Mono<Purchase> handle(PurchaseLine command) {
        Tenant tenant = command.tenant();
        NewLine body = command.line();
        String idempotencyKey = command.idempotencyKey();
        String workspaceId = tenant.requireWorkspace();
        List<FieldViolation> violations = new ArrayList<>();
        if (idempotencyKey != null
                && (idempotencyKey.isBlank()
                        || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY
                        || !idempotencyKey.chars().allMatch(c -> c >= 0x21 && c <= 0x7e))) {
            violations.add(new FieldViolation(
                    "Idempotency-Key", "must be 1 to " + MAX_IDEMPOTENCY_KEY + " visible ASCII characters"));
        }
        LineProfile profile = new LineProfile(
                rules.phone(body.phone(), violations),
                rules.email(body.email(), violations),
                rules.name(body.firstName(), "firstName", violations),
                rules.name(body.lastName(), "lastName", violations),
                rules.imageUrl(body.profileImageUrl(), violations),
                rules.userId(body.createdUserId(), violations));
        if (!violations.isEmpty()) {
            return Mono.error(Problems.invalid(violations));
        }
        String key = idempotencyKey == null ? null : workspaceId + "|" + idempotencyKey;
        String hash = profile.hash();
        if (key == null) {
            return attempt(tenant, workspaceId, profile, null, hash);
        }
        // Retries racing each other take one slot between them: while another request with this key
        // holds it, wait for its line; if that request died, its slot comes back through recovery.
        return Mono.defer(() -> replay(key, hash))
                .switchIfEmpty(Mono.defer(() -> attempt(tenant, workspaceId, profile, key, hash)))
                .repeatWhenEmpty(polls -> polls.take(IN_PROGRESS_POLLS).delayElements(IN_PROGRESS_POLL))
                .switchIfEmpty(Mono.error(() -> {
                    ErrorResponseException busy = Problems.of(
                            HttpStatus.CONFLICT,
                            "A purchase with this Idempotency-Key is still in progress; retry in a moment");
                    busy.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
                    return busy;
                }));
    }

    /** One try at buying: empty when another request with the same key holds the purchase's slot. */
    private Mono<Purchase> attempt(
            Tenant tenant, String workspaceId, LineProfile profile, @Nullable String key, String hash) {
        ObjectId id = new ObjectId();
        return ledger.hold(workspaceId, id, key).flatMap(billingType -> {
            LineDocument line = newLine(id, tenant, workspaceId, profile, billingType, key, hash);
            return mongo.insert(line)
                    .map(inserted -> new Purchase(inserted, false))
                    // Not inserted: give the slot back. Any other failure may have inserted
                    // it after all; recovery settles or fences and undoes the hold.
                    .onErrorResume(
                            DuplicateKeyException.class,
                            duplicate -> ledger.undoHold(workspaceId, id, billingType)
                                    .onErrorResume(undo -> Mono.just(false))
                                    .then(Mono.defer(() -> failedInsert(key, hash))))
                    .flatMap(purchase -> purchase.replayed()
                            ? Mono.just(purchase)
                            : ledger.settle(workspaceId, id)
                                    .onErrorResume(settle -> {
                                        log.warn("Settling the purchase of line {} is left to recovery", id);
                                        return Mono.empty();
                                    })
                                    .doOnSuccess(settled -> {
                                        purchases(billingType).increment();
                                        outbox.eventsPending();
                                        dispatcher.dispatchSoon(purchase.line());
                                    })
                                    .thenReturn(purchase));
        });
    }

    /** An insert refused as a duplicate: a concurrent request with the same key won, or recovery fenced the id. */
    private Mono<Purchase> failedInsert(@Nullable String key, String hash) {
        Mono<Purchase> winner = key == null ? Mono.empty() : replay(key, hash);
        return winner.switchIfEmpty(Mono.error(() -> Problems.of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "The purchase was interrupted and nothing was bought; retry it with the same Idempotency-Key")));
    }

    private Mono<Purchase> replay(String key, String hash) {
        return mongo.findOne(query(where("idempotencyKey").is(key)), LineDocument.class)
                .flatMap(line -> {
                    if (!hash.equals(line.requestHash())) {
                        ProblemDetail problem = Problems.titled(
                                HttpStatus.UNPROCESSABLE_CONTENT,
                                "This Idempotency-Key was already used for a purchase with a different profile");
                        problem.setProperty("field", "Idempotency-Key");
                        problem.setProperty("lineId", line.id().toHexString());
                        return Mono.error(new ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT, problem, null));
                    }
                    if (line.deletedAt() != null) {
                        return Mono.error(Problems.of(
                                HttpStatus.GONE,
                                "The line bought with this Idempotency-Key ("
                                        + line.id().toHexString() + ") has since been deleted"));
                    }
                    return Mono.just(new Purchase(line, true));
                });
    }

    /** The new line with its {@code LinePurchased} event queued in its outbox. */
    private LineDocument newLine(
            ObjectId id,
            Tenant tenant,
            String workspaceId,
            LineProfile profile,
            BillingType billingType,
            @Nullable String key,
            String hash) {
        Instant now = mutations.now();
        LineDocument line = LineDocument.purchased(
                id,
                workspaceId,
                tenant.userId(),
                profile,
                billingType,
                properties.limits().dailyNewConversations(),
                properties.limits().dailyTotalMessages(),
                now,
                now.plus(properties.provisioning().estimatedReadyAfter()),
                key,
                hash);
        PendingEvent purchased =
                events.event(LineChange.PURCHASED, tenant.userId(), line, 1, State.of(line), List.of(), now);
        return line.queueing(purchased);
    }
}
