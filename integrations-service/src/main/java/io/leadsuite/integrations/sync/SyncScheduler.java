package io.leadsuite.integrations.sync;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Requests the due syncs: every active config with {@code autoSync} whose {@code nextSyncAt} has come,
 * every {@code leadsuite.integrations.scheduler-interval}. Every instance runs it; a config's request is
 * one conditional update ({@link SyncRuns#request}), so of the instances that find it due at once one
 * requests it and the others change nothing. A config whose sync is still running stays due and is
 * requested once that sync ends.
 */
@Component
class SyncScheduler {

    private static final Logger log = LoggerFactory.getLogger(SyncScheduler.class);
    private static final int BATCH = 500;

    private final SyncRuns runs;

    SyncScheduler(SyncRuns runs) {
        this.runs = runs;
    }

    @Scheduled(
            initialDelayString = "${leadsuite.integrations.scheduler-interval:15s}",
            fixedDelayString = "${leadsuite.integrations.scheduler-interval:15s}")
    void requestDueSyncs() {
        Long requested = runs.due(BATCH)
                .concatMap(config -> runs.request(config, "scheduled", false, true))
                .count()
                .onErrorResume(failed -> {
                    log.warn("Requesting the due syncs failed; the next round tries again: {}", failed.getMessage());
                    return Mono.just(0L);
                })
                .block(Duration.ofMinutes(1));
        if (requested != null && requested > 0) {
            log.info("Requested {} scheduled sync(s)", requested);
        }
    }
}
