package io.leadsuite.imports.run;

/**
 * leads-service refused a batch in a way that sending it again cannot fix: its store is full (507) or
 * the call itself was refused (a 4xx other than 429). The job fails at once, with leads-service's reason.
 */
final class BatchRefused extends RuntimeException {

    private final boolean storeFull;

    BatchRefused(boolean storeFull, String message) {
        super(message, null, false, false);
        this.storeFull = storeFull;
    }

    /** The job's {@code failureReason}. */
    String reason() {
        return storeFull ? "store-full" : "refused";
    }
}
