package io.leadsuite.lines.line;

import io.leadsuite.common.mongo.VersionedUpdate;
import io.leadsuite.common.outbox.Outbox;
import io.leadsuite.common.outbox.OutboxSignal;
import io.leadsuite.common.outbox.PendingEvent;
import io.leadsuite.common.security.Tenant;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What every change of an existing line shares: one conditional single-document write that also
 * queues its event (the outbox of {@code lines.line-changes.v1}), and giving back the slot of a line
 * the change left owing one.
 */
@Component
public class LineMutations {

    private static final Logger log = LoggerFactory.getLogger(LineMutations.class);

    private final ReactiveMongoTemplate mongo;
    private final LineReader reader;
    private final LineSlots ledger;
    private final OutboxSignal outbox;
    private final Clock clock;

    LineMutations(ReactiveMongoTemplate mongo, LineReader reader, LineSlots ledger, OutboxSignal outbox, Clock clock) {
        this.mongo = mongo;
        this.reader = reader;
        this.ledger = ledger;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The time a change is stamped with, to the millisecond as stored. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** {@code update} as a change of the line: a new version, stamped, with its event queued. */
    public static Update changed(Update update, PendingEvent event, Instant now) {
        return Outbox.append(update.set("updatedAt", now).inc("version", 1), event);
    }

    /** Changes the line from its current state, unless others change it at the same time (then 409). */
    Mono<LineDocument> mutate(Tenant tenant, String id, Function<LineDocument, Mono<Update>> change) {
        return VersionedUpdate.apply(
                        mongo,
                        reader.find(tenant, id),
                        current -> VersionedUpdate.liveAt(current.id(), current.version()),
                        change,
                        LineDocument.class,
                        "The line is being changed by others at the same time; try again")
                .doOnSuccess(written -> outbox.eventsPending());
    }

    /** Gives the line's slot back now if it owes one; recovery does it later if this fails. */
    public Mono<LineDocument> releaseOwed(LineDocument line) {
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
}
