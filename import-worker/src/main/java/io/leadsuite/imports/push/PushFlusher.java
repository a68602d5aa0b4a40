package io.leadsuite.imports.push;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the due queued changes ({@link LeadPush#flush}) every {@code leadsuite.imports.push-interval}
 * (500 ms); a partial batch waits {@code leadsuite.imports.push-window} (2 s) for more changes.
 */
@ConditionalOnProperty(name = "leadsuite.imports.push-enabled", matchIfMissing = true)
@Component
class PushFlusher {

    private static final Logger log = LoggerFactory.getLogger(PushFlusher.class);

    private final LeadPush push;
    private final Duration window;

    PushFlusher(LeadPush push, @Value("${leadsuite.imports.push-window:2s}") Duration window) {
        this.push = push;
        this.window = window;
    }

    @Scheduled(fixedDelayString = "${leadsuite.imports.push-interval:500ms}")
    void flush() {
        try {
            push.flush(window).block(Duration.ofMinutes(10));
        } catch (RuntimeException failed) {
            log.warn("Pushing lead changes failed; the next round tries again: {}", failed.getMessage());
        }
    }
}
