package io.leadsuite.leads.config;

import io.leadsuite.common.outbox.OutboxIndexes;
import io.leadsuite.leads.audit.LeadAuditEntry;
import io.leadsuite.leads.model.LeadBatchDocument;
import io.leadsuite.leads.model.LeadDocument;
import java.time.Duration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import reactor.core.publisher.Flux;

/**
 * The indexes the lead write path and reads rely on: listing by user and by list, the unique keys that enforce
 * "one lead per email" and "integration ids unique per platform" (on derived single fields, sparse so
 * that absent and released keys do not collide), the sort keys, the batch references, the outbox, and the batch outboxes (by lead, for the audit trail). The owner creates them
 * at startup; creating an existing index is a no-op.
 */
public final class LeadIndexes {

    private LeadIndexes() {}

    /** Blocks until created: call it during startup, never on an event loop. */
    public static void ensure(ReactiveMongoTemplate mongo, Duration timeout) {
        var leads = mongo.indexOps(LeadDocument.class);
        var audit = mongo.indexOps(LeadAuditEntry.class);
        var batches = mongo.indexOps(LeadBatchDocument.class);
        Flux.concat(
                        leads.createIndex(index("userId_createdAt")
                                .on("userId", Sort.Direction.ASC)
                                .on("createdAt", Sort.Direction.DESC)
                                .on("_id", Sort.Direction.DESC)),
                        leads.createIndex(index("listId_createdAt")
                                .on("listId", Sort.Direction.ASC)
                                .on("createdAt", Sort.Direction.DESC)),
                        leads.createIndex(index("userId_lastNameKey")
                                .on("userId", Sort.Direction.ASC)
                                .on("lastNameKey", Sort.Direction.ASC)
                                .on("_id", Sort.Direction.ASC)),
                        leads.createIndex(index("userId_companyNameKey")
                                .on("userId", Sort.Direction.ASC)
                                .on("companyNameKey", Sort.Direction.ASC)
                                .on("_id", Sort.Direction.ASC)),
                        leads.createIndex(index("userId_customFields")
                                .on("userId", Sort.Direction.ASC)
                                .on("customFields.k", Sort.Direction.ASC)
                                .on("customFields.v", Sort.Direction.ASC)),
                        leads.createIndex(unique("emailKey")),
                        leads.createIndex(unique("integrationKeys.hubspot")),
                        leads.createIndex(unique("integrationKeys.salesforce")),
                        leads.createIndex(unique("integrationKeys.googleSheets")),
                        leads.createIndex(unique("batchRefKey")),
                        leads.createIndex(
                                index("hubspotRecordId").on("integrationIds.hubspotRecordId", Sort.Direction.ASC)),
                        leads.createIndex(index("salesforceRecordId")
                                .on("integrationIds.salesforceRecordId", Sort.Direction.ASC)),
                        OutboxIndexes.create(leads),
                        OutboxIndexes.create(batches),
                        batches.createIndex(index("pendingEvents_key").on("pendingEvents.key", Sort.Direction.ASC)),
                        audit.createIndex(index("leadId_at")
                                .on("leadId", Sort.Direction.ASC)
                                .on("at", Sort.Direction.DESC)))
                .then()
                .block(timeout);
    }

    private static Index index(String name) {
        return new Index().named(name);
    }

    private static IndexDefinition unique(String field) {
        return new Index().named(field).on(field, Sort.Direction.ASC).unique().sparse();
    }
}
