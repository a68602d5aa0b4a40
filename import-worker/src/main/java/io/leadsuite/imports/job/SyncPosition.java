package io.leadsuite.imports.job;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a CRM import reads and how far it has got. Records are read in the order of their ids, so the
 * checkpoint is the id of the last record written: a resumed job continues with the records after it,
 * without a gap or a record read twice.
 *
 * @param provider {@code hubspot}
 * @param accountId the connected provider account
 * @param since {@code null}: every record (the provider's list); otherwise only the records modified at
 *     or after it (the provider's search)
 * @param nextSince where the next sync of the same connection starts once this job has completed: when
 *     this job was requested, less the allowance for the provider's search lag
 * @param lastId the id of the last record written, once a batch has been
 * @param pageAfter for a full import, the list cursor of the page that holds {@code lastId}
 */
public record SyncPosition(
        String provider,
        @Nullable String accountId,
        @Nullable Instant since,
        Instant nextSince,
        @Nullable String lastId,
        @Nullable String pageAfter) {

    public boolean full() {
        return since == null;
    }
}
