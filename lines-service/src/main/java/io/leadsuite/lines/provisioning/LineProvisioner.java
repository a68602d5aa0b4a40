package io.leadsuite.lines.provisioning;

import reactor.core.publisher.Mono;

/**
 * The carrier side of a line: takes an order, and later publishes its verdict on {@code
 * lines.provisioning-results.v1}. Ordering the same line again must be harmless (the dispatcher orders
 * again whenever it is unsure the first order arrived). Local runs and tests use {@link
 * SimulatedCarrier}, which is there only when {@code leadsuite.lines.provisioning.simulator.enabled}
 * is {@code true}; a real carrier's adapter implements this too. Without one the service does not start.
 */
public interface LineProvisioner {

    /** Completes once the carrier has accepted the order. */
    Mono<Void> order(LineOrder order);
}
