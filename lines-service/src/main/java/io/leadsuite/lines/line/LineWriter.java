package io.leadsuite.lines.line;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.events.LineChange;
import io.leadsuite.common.events.ProvisioningResult;
import io.leadsuite.common.mongo.VersionedUpdate;
import io.leadsuite.common.outbox.Outbox;
import io.leadsuite.common.outbox.OutboxSignal;
import io.leadsuite.common.outbox.PendingEvent;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.FieldViolation;
import io.leadsuite.common.web.Problems;
import io.leadsuite.lines.config.LinesProperties;
import io.leadsuite.lines.line.LineEvents.State;
import io.leadsuite.lines.org.Organizations;
import io.leadsuite.lines.org.SlotLedger;
import io.leadsuite.lines.provisioning.ProvisioningDispatcher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;

/**
 * Buys, changes and deletes lines, and applies the carrier's verdicts. Every change to a line is one
 * conditional single-document write that also queues its event (the outbox of {@code
 * lines.line-changes.v1}); changes to the organization's counters go through {@link SlotLedger}.
 */
@Component
public class LineWriter {

    private static final Logger log = LoggerFactory.getLogger(LineWriter.class);
    private static final int MAX_IDEMPOTENCY_KEY = 255;
    private static final int IN_PROGRESS_POLLS = 50;
    private static final Duration IN_PROGRESS_POLL = Duration.ofMillis(100);
    private static final Set<String> UPDATABLE = Set.of(
            "phone",
            "email",
            "firstName",
            "lastName",
            "profileImageUrl",
            "createdUserId",
            "dailyNewConversationsLimit",
            "dailyTotalMessagesLimit");

    private final ReactiveMongoTemplate mongo;
    private final Organizations organizations;
    private final SlotLedger ledger;
    private final LineRules rules;
    private final LineEvents events;
    private final OutboxSignal outbox;
    private final ProvisioningDispatcher dispatcher;
    private final LinesProperties properties;
    private final Clock clock;

    LineWriter(
            ReactiveMongoTemplate mongo,
            Organizations organizations,
            SlotLedger ledger,
            LineRules rules,
            LineEvents events,
            OutboxSignal outbox,
            ProvisioningDispatcher dispatcher,
            LinesProperties properties,
            Clock clock) {
        this.mongo = mongo;
        this.organizations = organizations;
        this.ledger = ledger;
        this.rules = rules;
        this.events = events;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.clock = clock;
    }

    /** The lines of a workspace that are not deleted: every read and write starts here. */
    public static Criteria live(String workspaceId) {
        return where("workspaceId").is(workspaceId).and("deletedAt").isNull();
    }

    /** A purchase's line, and whether it was bought by an earlier request with the same key. */
    public record Purchase(LineDocument line, boolean replayed) {}

    record Profile(
            @Nullable String phone,
            String email,
            String firstName,
            String lastName,
            @Nullable String profileImageUrl,
            @Nullable String createdUserId) {

        /** Identifies the request for its {@code Idempotency-Key}: a key reused with another body is refused. */
        String hash() {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256")
                        .digest(String.join(
                                        "\u0000",
                                        Objects.toString(phone, ""),
                                        email,
                                        firstName,
                                        lastName,
                                        Objects.toString(profileImageUrl, ""),
                                        Objects.toString(createdUserId, ""))
                                .getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest);
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    /**
     * Buys a line: a free slot while the plan has one, otherwise a paid one. With an {@code
     * Idempotency-Key}, a retried purchase returns the line the first one bought and counts nothing
     * again; the same key with a different profile is refused.
     */
    Mono<Purchase> purchase(Tenant tenant, NewLine body, @Nullable String idempotencyKey) {
        String workspaceId = tenant.requireWorkspace();
        List<FieldViolation> violations = new ArrayList<>();
        if (idempotencyKey != null
                && (idempotencyKey.isBlank()
                        || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY
                        || !idempotencyKey.chars().allMatch(c -> c >= 0x21 && c <= 0x7e))) {
            violations.add(new FieldViolation(
                    "Idempotency-Key", "must be 1 to " + MAX_IDEMPOTENCY_KEY + " visible ASCII characters"));
        }
        Profile profile = new Profile(
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
            Tenant tenant, String workspaceId, Profile profile, @Nullable String key, String hash) {
        ObjectId id = new ObjectId();
        return organizations
                .current(workspaceId)
                .then(ledger.hold(workspaceId, id, key))
                .flatMap(billingType -> {
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

    private LineDocument newLine(
            ObjectId id,
            Tenant tenant,
            String workspaceId,
            Profile profile,
            String billingType,
            @Nullable String key,
            String hash) {
        Instant now = now();
        int newConversations = properties.limits().dailyNewConversations();
        int totalMessages = properties.limits().dailyTotalMessages();
        State state =
                new State(LineDocument.PROVISIONING, false, profile.phone(), null, newConversations, totalMessages);
        PendingEvent purchased = events.event(
                LineChange.PURCHASED, tenant.userId(), id, workspaceId, billingType, 1, state, List.of(), now);
        return new LineDocument(
                id,
                workspaceId,
                tenant.userId(),
                profile.createdUserId(),
                profile.phone(),
                profile.email(),
                profile.firstName(),
                profile.lastName(),
                profile.profileImageUrl(),
                false,
                LineDocument.PROVISIONING,
                now,
                now.plus(properties.provisioning().estimatedReadyAfter()),
                null,
                null,
                billingType,
                true,
                null,
                null,
                now,
                newConversations,
                totalMessages,
                null,
                now,
                now,
                1,
                key,
                hash,
                null,
                null,
                List.of(purchased),
                now);
    }

    /** JSON Merge Patch of the profile and the daily limits. */
    Mono<LineDocument> update(Tenant tenant, String id, Map<String, @Nullable Object> patch) {
        List<FieldViolation> unknown = patch.keySet().stream()
                .filter(field -> !UPDATABLE.contains(field))
                .map(field -> new FieldViolation(
                        field,
                        "cannot be changed (one of "
                                + String.join(", ", UPDATABLE.stream().sorted().toList()) + ")"))
                .toList();
        if (!unknown.isEmpty()) {
            return Mono.error(Problems.invalid(unknown));
        }
        return mutate(tenant, id, current -> {
            List<FieldViolation> violations = new ArrayList<>();
            Update update = new Update();
            List<String> changed = new ArrayList<>();
            String phone = current.phone();
            int newConversations = current.dailyNewConversationsLimit();
            int totalMessages = current.dailyTotalMessagesLimit();
            for (Map.Entry<String, @Nullable Object> entry : patch.entrySet()) {
                Object value = entry.getValue();
                Object next = switch (entry.getKey()) {
                    case "phone" -> {
                        if (!LineDocument.PROVISIONING.equals(current.provisioningStatus())) {
                            violations.add(new FieldViolation("phone", "cannot change once provisioning has ended"));
                        }
                        phone = rules.phone(value, violations);
                        yield phone;
                    }
                    case "email" -> rules.email(value, violations);
                    case "firstName" -> rules.name(value, "firstName", violations);
                    case "lastName" -> rules.name(value, "lastName", violations);
                    case "profileImageUrl" -> rules.imageUrl(value, violations);
                    case "createdUserId" -> rules.userId(value, violations);
                    case "dailyNewConversationsLimit" ->
                        newConversations = rules.newConversationsLimit(value, violations);
                    default -> totalMessages = rules.totalMessagesLimit(value, violations);
                };
                if (!Objects.equals(next, field(current, entry.getKey()))) {
                    changed.add(entry.getKey());
                    if (next == null) {
                        update.unset(entry.getKey());
                    } else {
                        update.set(entry.getKey(), next);
                    }
                }
            }
            if (!violations.isEmpty()) {
                return Mono.error(Problems.invalid(violations));
            }
            if (changed.isEmpty()) {
                return Mono.empty();
            }
            Instant now = now();
            State state = new State(
                    current.provisioningStatus(),
                    current.isActive(),
                    phone,
                    current.failureReason(),
                    newConversations,
                    totalMessages);
            PendingEvent event = events.event(
                    LineChange.UPDATED, tenant.userId(), current, current.version() + 1, state, changed, now);
            return Mono.just(changed(update, event, now));
        });
    }

    private static @Nullable Object field(LineDocument line, String name) {
        return switch (name) {
            case "phone" -> line.phone();
            case "email" -> line.email();
            case "firstName" -> line.firstName();
            case "lastName" -> line.lastName();
            case "profileImageUrl" -> line.profileImageUrl();
            case "createdUserId" -> line.createdUserId();
            case "dailyNewConversationsLimit" -> line.dailyNewConversationsLimit();
            default -> line.dailyTotalMessagesLimit();
        };
    }

    /** Deletes the line (a tombstone stays) and gives its slot back to the counters. */
    Mono<LineDocument> delete(Tenant tenant, String id) {
        return mutate(tenant, id, current -> {
                    Instant now = now();
                    State state = new State(
                            current.provisioningStatus(),
                            false,
                            current.phone(),
                            current.failureReason(),
                            current.dailyNewConversationsLimit(),
                            current.dailyTotalMessagesLimit());
                    PendingEvent event = events.event(
                            LineChange.DELETED, tenant.userId(), current, current.version() + 1, state, List.of(), now);
                    Update update = changed(new Update().set("deletedAt", now).set("isActive", false), event, now);
                    if (current.slotHeld()) {
                        update.set("releaseOwedAt", now);
                    }
                    return Mono.just(update);
                })
                .flatMap(this::releaseOwed);
    }

    /**
     * Applies a carrier's verdict to a line still provisioning: {@code active}, or {@code failed} with
     * its reason, which gives the line's slot back. A verdict for a line that is no longer provisioning
     * (a redelivery, or a deleted line) changes nothing.
     */
    public Mono<Void> applyResult(ProvisioningResult result) {
        if (!ObjectId.isValid(result.lineId())) {
            return Mono.error(new IllegalArgumentException("Not a line id: " + result.lineId()));
        }
        ObjectId id = new ObjectId(result.lineId());
        boolean active = ProvisioningResult.ACTIVE.equals(result.status());
        if (!active && !ProvisioningResult.FAILED_STATUS.equals(result.status())) {
            return Mono.error(new IllegalArgumentException("Not a provisioning status: " + result.status()));
        }
        Mono<LineDocument> provisioning = mongo.findOne(
                query(where("_id")
                        .is(id)
                        .and("provisioningStatus")
                        .is(LineDocument.PROVISIONING)
                        .and("deletedAt")
                        .isNull()),
                LineDocument.class);
        return VersionedUpdate.apply(
                        mongo,
                        provisioning,
                        current -> query(where("_id")
                                .is(current.id())
                                .and("version")
                                .is(current.version())
                                .and("provisioningStatus")
                                .is(LineDocument.PROVISIONING)),
                        current -> {
                            Instant now = now();
                            String status = active ? LineDocument.ACTIVE : LineDocument.FAILED;
                            String phone = current.phone() != null ? current.phone() : result.phone();
                            String reason = active
                                    ? null
                                    : Objects.requireNonNullElse(result.reason(), "The carrier did not say why");
                            State state = new State(
                                    status,
                                    active,
                                    phone,
                                    reason,
                                    current.dailyNewConversationsLimit(),
                                    current.dailyTotalMessagesLimit());
                            PendingEvent event = events.event(
                                    LineChange.STATUS_CHANGED,
                                    current.createdByUserId(),
                                    current,
                                    current.version() + 1,
                                    state,
                                    List.of("provisioningStatus"),
                                    now);
                            Update update = changed(
                                    new Update()
                                            .set("provisioningStatus", status)
                                            .set("isActive", active)
                                            .unset("providerPendingSince"),
                                    event,
                                    now);
                            if (active) {
                                update.set("provisionedAt", now);
                                if (phone != null) {
                                    update.set("phone", phone);
                                }
                            } else {
                                update.set("failureReason", reason);
                                if (current.slotHeld()) {
                                    update.set("releaseOwedAt", now);
                                }
                            }
                            return Mono.just(update);
                        },
                        LineDocument.class,
                        "Line " + id + " is being changed by others at the same time")
                .doOnNext(changed -> outbox.eventsPending())
                .flatMap(this::releaseOwed)
                .then();
    }

    /** Gives the line's slot back now if it owes one; recovery does it later if this fails. */
    private Mono<LineDocument> releaseOwed(LineDocument line) {
        if (line.releaseOwedAt() == null) {
            return Mono.just(line);
        }
        return ledger.release(line.id())
                .onErrorResume(failure -> {
                    log.warn("Releasing the slot of line {} is left to recovery: {}", line.id(), failure.toString());
                    return Mono.just(false);
                })
                .thenReturn(line);
    }

    public Mono<LineDocument> find(Tenant tenant, String id) {
        String workspaceId = tenant.requireWorkspace();
        if (!ObjectId.isValid(id)) {
            return Mono.error(Problems.notFound("Line " + id));
        }
        return mongo.findOne(query(live(workspaceId).and("_id").is(new ObjectId(id))), LineDocument.class)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("Line " + id)));
    }

    private static Update changed(Update update, PendingEvent event, Instant now) {
        return Outbox.append(update.set("updatedAt", now).inc("version", 1), event);
    }

    /** Changes the line from its current state, unless others change it at the same time (then 409). */
    private Mono<LineDocument> mutate(Tenant tenant, String id, Function<LineDocument, Mono<Update>> change) {
        return VersionedUpdate.apply(
                        mongo,
                        find(tenant, id),
                        current -> query(where("_id")
                                .is(current.id())
                                .and("version")
                                .is(current.version())
                                .and("deletedAt")
                                .isNull()),
                        change,
                        LineDocument.class,
                        "The line is being changed by others at the same time; try again")
                .doOnSuccess(written -> outbox.eventsPending());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
