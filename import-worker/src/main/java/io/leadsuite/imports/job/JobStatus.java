package io.leadsuite.imports.job;

/**
 * Where a job is (the seed's four states). Named as stored and sent, in lower case. A job only moves
 * forward: {@code pending → processing → completed | failed}, or {@code pending → failed} when cancelled
 * before a worker took it.
 */
public enum JobStatus {
    pending,
    processing,
    completed,
    failed;

    public boolean ended() {
        return this == completed || this == failed;
    }
}
