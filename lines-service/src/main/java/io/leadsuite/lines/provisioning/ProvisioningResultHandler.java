package io.leadsuite.lines.provisioning;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.events.LineChange;
import io.leadsuite.common.events.ProvisioningResult;
import io.leadsuite.common.mongo.VersionedUpdate;
import io.leadsuite.common.outbox.OutboxSignal;
import io.leadsuite.common.outbox.PendingEvent;
import io.leadsuite.lines.line.LineDocument;
import io.leadsuite.lines.line.LineEvents;
import io.leadsuite.lines.line.LineEvents.State;
import io.leadsuite.lines.line.LineMutations;
import io.leadsuite.lines.line.ProvisioningStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Applies a carrier's verdict to a line still provisioning: {@code active}, or {@code failed} with its
 * reason, which gives the line's slot back. A verdict for a line that is no longer provisioning (a
 * redelivery, or a deleted line) changes nothing.
 */
@Component
class ProvisioningResultHandler {

    private final ReactiveMongoTemplate mongo;
    private final LineEvents events;
    private final LineMutations mutations;
    private final OutboxSignal outbox;

    ProvisioningResultHandler(
            ReactiveMongoTemplate mongo, LineEvents events, LineMutations mutations, OutboxSignal outbox) {
        this.mongo = mongo;
        this.events = events;
        this.mutations = mutations;
        this.outbox = outbox;
    }

    Mono<Void> handle(ProvisioningResult result) {
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
                        .is(ProvisioningStatus.provisioning)
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
                                .is(ProvisioningStatus.provisioning)),
                        current -> Mono.just(verdict(current, result, active)),
                        LineDocument.class,
                        "Line " + id + " is being changed by others at the same time")
                .doOnNext(changed -> outbox.eventsPending())
                .flatMap(mutations::releaseOwed)
                .then();
    }

    private Update verdict(LineDocument current, ProvisioningResult result, boolean active) {
        Instant now = mutations.now();
        ProvisioningStatus status = active ? ProvisioningStatus.active : ProvisioningStatus.failed;
        String phone = current.phone() != null ? current.phone() : result.phone();
        String reason = active ? null : Objects.requireNonNullElse(result.reason(), "The carrier did not say why");
        PendingEvent event = events.event(
                LineChange.STATUS_CHANGED,
                current.createdByUserId(),
                current,
                current.version() + 1,
                State.of(current).provisioned(status, phone, reason),
                List.of("provisioningStatus"),
                now);
        Update update = LineMutations.changed(
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
        return update;
    }
}
