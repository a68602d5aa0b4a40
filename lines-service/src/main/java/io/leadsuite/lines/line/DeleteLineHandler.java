package io.leadsuite.lines.line;

import io.leadsuite.common.events.LineChange;
import io.leadsuite.common.outbox.PendingEvent;
import io.leadsuite.lines.line.LineEvents.State;
import java.time.Instant;
import java.util.List;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Deletes a line (a tombstone stays, with its {@code LineDeleted} event) and gives its slot back to
 * the counters; if giving it back fails, the line owes it and recovery gives it back later.
 */
@Component
class DeleteLineHandler {

    private final LineEvents events;
    private final LineMutations mutations;

    DeleteLineHandler(LineEvents events, LineMutations mutations) {
        this.events = events;
        this.mutations = mutations;
    }

    Mono<LineDocument> handle(DeleteLine command) {
        return mutations
                .mutate(command.tenant(), command.lineId(), current -> {
                    Instant now = mutations.now();
                    PendingEvent event = events.event(
                            LineChange.DELETED,
                            command.tenant().userId(),
                            current,
                            current.version() + 1,
                            State.of(current).deleted(),
                            List.of(),
                            now);
                    Update update = LineMutations.changed(
                            new Update().set("deletedAt", now).set("isActive", false), event, now);
                    if (current.slotHeld()) {
                        update.set("releaseOwedAt", now);
                    }
                    return Mono.just(update);
                })
                .flatMap(mutations::releaseOwed);
    }
}
