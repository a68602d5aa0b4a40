package io.leadsuite.common.outbox;

/** Told after every write that left events in a document, so they are relayed at once. */
@FunctionalInterface
public interface OutboxSignal {

    void eventsPending();
}
