package io.leadsuite.imports.crm;

/**
 * The provider, or integrations-service for it, refuses a CRM import in a way that trying again cannot
 * fix until someone acts: the connection must be reconnected, was removed, lacks a scope, or the
 * account's daily allowance is used up.
 */
public final class ConnectionRefused extends RuntimeException {

    private final String reason;

    /** @param reason the job's {@code failureReason}: {@code reconnect-required}, {@code disconnected}, … */
    public ConnectionRefused(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
