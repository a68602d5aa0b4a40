package io.leadsuite.leads.lead;

import java.util.List;

/**
 * What a bulk delete or move did.
 *
 * @param requested distinct ids in the request
 * @param changed leads deleted or moved
 * @param unchanged leads that were already as asked (already in the target list)
 * @param notFound ids that are not the caller's live leads (unknown, deleted, another user's, malformed)
 */
record BulkChangeView(int requested, int changed, int unchanged, List<String> notFound) {

    static BulkChangeView of(BulkLeadChanges.Result result) {
        return new BulkChangeView(result.requested(), result.changed(), result.unchanged(), result.notFound());
    }
}
