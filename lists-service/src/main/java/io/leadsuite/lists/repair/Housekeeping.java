package io.leadsuite.lists.repair;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.lists.config.ListsProperties;
import io.leadsuite.lists.count.LeadMembership;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Scheduled work, on a scheduler thread (never an event loop): the periodic count repair, and purging
 * lead memberships older than the retention. A membership only serves to recognise a second copy of a
 * recent event; a replay of old records is stopped by the lists' counted offsets instead.
 */
@Component
class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final CountRepair repair;
    private final ReactiveMongoTemplate mongo;
    private final ListsProperties properties;
    private final Clock clock;

    Housekeeping(CountRepair repair, ReactiveMongoTemplate mongo, ListsProperties properties, Clock clock) {
        this.repair = repair;
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${leadsuite.lists.repair-interval:PT6H}",
            fixedDelayString = "${leadsuite.lists.repair-interval:PT6H}")
    void repairCounts() {
        repair.run().block(Duration.ofHours(1));
    }

    @Scheduled(initialDelayString = "PT1H", fixedDelayString = "PT24H")
    void purgeOldMemberships() {
        long purged = mongo.remove(
                        query(where("updatedAt").lt(clock.instant().minus(properties.membershipRetention()))),
                        LeadMembership.COLLECTION)
                .map(result -> result.getDeletedCount())
                .block(Duration.ofMinutes(30));
        log.info("Purged {} lead memberships older than {}", purged, properties.membershipRetention());
    }
}
