package io.leadsuite.leads.config;

import java.time.Duration;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Creates the {@code leads} and {@code lead_audit} indexes, unique ones included, before the service
 * reports ready: runners finish on the main thread before readiness turns UP.
 */
@Component
class LeadsStartup implements ApplicationRunner {

    private final ReactiveMongoTemplate mongo;

    LeadsStartup(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void run(ApplicationArguments args) {
        LeadIndexes.ensure(mongo, Duration.ofMinutes(1));
    }
}
