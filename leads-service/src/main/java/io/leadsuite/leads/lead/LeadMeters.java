package io.leadsuite.leads.lead;

import io.leadsuite.leads.model.LeadSources;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code leadsuite.leads.written}: leads stored by the write path, by {@code source} (manual, csv,
 * hubspot, ...) and {@code operation} (created, or updated by a batch's duplicate policy). A lead counts
 * once: a retried batch that finds its leads already stored counts nothing again.
 */
@Component
class LeadMeters {

    private final MeterRegistry registry;

    LeadMeters(MeterRegistry registry) {
        this.registry = registry;
        // Every series exists from the start, at 0, so that rates see it before a first write.
        for (String source : LeadSources.ALL) {
            written(source, "created", 0);
            written(source, "updated", 0);
        }
    }

    void created(String source, long count) {
        written(source, "created", count);
    }

    void updated(String source, long count) {
        written(source, "updated", count);
    }

    private void written(String source, String operation, long count) {
        registry.counter("leadsuite.leads.written", "source", source, "operation", operation)
                .increment(count);
    }
}
