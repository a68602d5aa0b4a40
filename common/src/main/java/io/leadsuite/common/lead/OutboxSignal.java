package io.leadsuite.common.lead;

/** Told after every write that left events in a lead document, so they are relayed at once. */
@FunctionalInterface
public interface OutboxSignal {

    void eventsPending();
}
