package io.leadsuite.integrations.oauth;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.security.Tenant;
import io.leadsuite.integrations.config.IntegrationsProperties;
import io.leadsuite.integrations.crypto.CredentialCipher;
import io.leadsuite.integrations.crypto.CredentialCipher.AssociatedData;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The {@code state} and PKCE verifier of connect flows: 256 random bits each, the state single-use,
 * bound to its user and valid {@code leadsuite.integrations.state-lifetime} (10 minutes).
 */
@Component
class OAuthStates {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final ReactiveMongoTemplate mongo;
    private final CredentialCipher cipher;
    private final IntegrationsProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    OAuthStates(ReactiveMongoTemplate mongo, CredentialCipher cipher, IntegrationsProperties properties, Clock clock) {
        this.mongo = mongo;
        this.cipher = cipher;
        this.properties = properties;
        this.clock = clock;
    }

    /** A started flow: the state to send, and the PKCE challenge of its verifier. */
    record Started(String state, String codeChallenge) {}

    /** A callback's state, consumed: whose flow it was, its verifier, and whether it was still valid. */
    record Consumed(OAuthState flow, String codeVerifier, boolean expired) {}

    Mono<Started> start(Tenant tenant, String type, URI returnTo) {
        String state = randomToken();
        String verifier = randomToken();
        String id = hash(state);
        CredentialCipher.Sealed sealed = cipher.seal(
                verifier.getBytes(StandardCharsets.US_ASCII), AssociatedData.oauthState(id, tenant.userId()));
        Instant now = clock.instant();
        OAuthState flow = new OAuthState(
                id,
                tenant.userId(),
                tenant.workspaceId(),
                type,
                sealed.ciphertext(),
                sealed.keyId(),
                returnTo.toString(),
                now,
                now.plus(properties.stateLifetime()));
        return mongo.insert(flow).thenReturn(new Started(state, challenge(verifier)));
    }

    /** Removes the flow of {@code state} (so it can never be used again) and returns it; empty if unknown. */
    Mono<Consumed> consume(String state) {
        return mongo.findAndRemove(query(where("_id").is(hash(state))), OAuthState.class)
                .map(flow -> new Consumed(
                        flow,
                        new String(
                                cipher.open(
                                        new CredentialCipher.Sealed(flow.sealedVerifier(), flow.keyId()),
                                        AssociatedData.oauthState(flow.id(), flow.userId())),
                                StandardCharsets.US_ASCII),
                        !clock.instant().isBefore(flow.expiresAt())));
    }

    /** Flows nobody came back from; the embedded store has no TTL index, so they are purged here. */
    @Scheduled(fixedDelayString = "${leadsuite.integrations.state-lifetime:10m}")
    void purgeExpired() {
        mongo.remove(query(where("expiresAt").lt(clock.instant())), OAuthState.class)
                .block(Duration.ofMinutes(1));
    }

    static String challenge(String verifier) {
        return BASE64URL.encodeToString(sha256(verifier));
    }

    private static String hash(String state) {
        return HexFormat.of().formatHex(sha256(state));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }
}
