package io.leadsuite.lines.line;

/** Where a bought line's order to the carrier goes; the provisioning side places it. */
public interface CarrierOrders {

    /**
     * Orders the line in the background: a purchase answers without waiting for the carrier, and an
     * order that fails here is placed again later.
     */
    void dispatchSoon(LineDocument line);
}
