package io.leadsuite.integrations.connection;

import io.leadsuite.integrations.crypto.CredentialCipher;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * After a key rotation (a keyset whose new primary key encrypts while the old keys still decrypt),
 * moves every config encrypted by an old key to the primary, at start and then every
 * {@code leadsuite.integrations.re-encrypt-interval}. Each config is rewritten only if its ciphertext
 * is still the one read, so a concurrent refresh is never overwritten. Once none is left, the operator
 * may remove the old keys from the keyset.
 */
@Component
class ReEncryption {

    private static final Logger log = LoggerFactory.getLogger(ReEncryption.class);

    private final Connections connections;

    ReEncryption(Connections connections) {
        this.connections = connections;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        run();
    }

    @Scheduled(
            initialDelayString = "${leadsuite.integrations.re-encrypt-interval:1h}",
            fixedDelayString = "${leadsuite.integrations.re-encrypt-interval:1h}")
    void scheduled() {
        run();
    }

    /** Re-encrypts what an old key encrypted; returns how many configs moved to the primary key. */
    long run() {
        Long moved = connections
                .sealedByOlderKeys()
                .concatMap(config -> Mono.defer(() -> connections.reseal(config))
                        .onErrorResume(CredentialCipher.CredentialsUnreadable.class, unreadable -> {
                            // Left as it is: the key that made it is missing from the keyset, and
                            // refreshing the config fails the same way until its user reconnects.
                            log.warn("Cannot re-encrypt integration {}: {}", config.id(), unreadable.getMessage());
                            return Mono.just(false);
                        }))
                .filter(Boolean::booleanValue)
                .count()
                .block(Duration.ofMinutes(30));
        if (moved != null && moved > 0) {
            log.info("Re-encrypted the credentials of {} integrations with the primary key", moved);
        }
        return moved == null ? 0 : moved;
    }
}
