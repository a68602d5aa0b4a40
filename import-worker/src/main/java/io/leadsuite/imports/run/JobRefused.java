package io.leadsuite.imports.run;

/**
 * A job cannot go on, and trying again cannot fix it: leads-service's store is full (507) or it refused
 * the batch call itself (a 4xx other than 429), or the CRM no longer honours the connection (the user
 * must reconnect) or lacks a scope the import needs. The job fails at once, with the reason.
 */
final class JobRefused extends RuntimeException {

    private final String reason;

    /** @param reason the job's {@code failureReason}, e.g. {@code store-full} */
    JobRefused(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** The job's {@code failureReason}. */
    String reason() {
        return reason;
    }
}
