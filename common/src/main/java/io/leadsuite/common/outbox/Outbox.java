package io.leadsuite.common.outbox;

import org.springframework.data.mongodb.core.query.Update;

/**
 * The outbox inside an aggregate document: the fields a writer fills and the relay empties. A writer
 * queues an event with {@link #append} in the same single-document update as the change it describes,
 * so that the change and its event are stored together or not at all.
 */
public final class Outbox {

    /** The document's unrelayed events, oldest first. */
    public static final String PENDING_EVENTS = "pendingEvents";

    /** When the oldest unrelayed event was queued; absent when none is. */
    public static final String OUTBOX_AT = "outboxAt";

    /** The relay round that holds the document, while one does. */
    public static final String RELAY_ROUND = "relayRound";

    /** Until when that round holds it; another relay takes the document over after that. */
    static final String RELAY_LOCKED_UNTIL = "relayLockedUntil";

    private Outbox() {}

    /** Queues {@code event} in {@code update}, which is returned. */
    public static Update append(Update update, PendingEvent event) {
        return update.push(PENDING_EVENTS, event).set(OUTBOX_AT, event.at());
    }
}
