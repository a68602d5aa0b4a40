package io.leadsuite.integrations.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsuite.common.security.InternalApi;
import io.leadsuite.integrations.IntegrationsServiceIT;
import io.leadsuite.integrations.crypto.CredentialCipher;
import io.leadsuite.integrations.crypto.CredentialCipher.AssociatedData;
import io.leadsuite.integrations.crypto.Keysets;
import io.leadsuite.testkit.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

class ReEncryptionIT extends IntegrationsServiceIT {

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    ReEncryption reEncryption;

    @Autowired
    CredentialCipher cipher;

    @Test
    void credentialsOfAnOldKeyMoveToThePrimaryAndStillWork() {
        String user = newUser();
        ObjectId id = new ObjectId();
        CredentialCipher old = new CredentialCipher(OLD_KEYSET);
        CredentialCipher.Sealed sealed = old.seal(
                "{\"accessToken\":\"CKD-old-access\",\"refreshToken\":\"na1-old-refresh\"}"
                        .getBytes(StandardCharsets.UTF_8),
                AssociatedData.integration(id.toHexString(), user));
        insert(id, user, sealed);
        assertThat(sealed.keyId()).isNotEqualTo(cipher.primaryKeyId());

        assertThat(reEncryption.run()).isGreaterThanOrEqualTo(1);

        IntegrationConfig moved = mongo.findById(id, IntegrationConfig.class).block(Duration.ofSeconds(10));
        assertThat(moved.credentials().keyId()).isEqualTo(cipher.primaryKeyId());
        assertThat(moved.credentials().sealed()).isNotEqualTo(sealed.ciphertext());
        Map<String, Object> access = http.post()
                .uri("/internal/integrations/{id}/access-token", id.toHexString())
                .header(InternalApi.TOKEN_HEADER, SharedInfrastructure.INTERNAL_TOKEN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(access).containsEntry("accessToken", "CKD-old-access");
        assertThat(reEncryption.run()).isZero();
    }

    @Test
    void credentialsNoKeyOpensAreStillDeletedOnDisconnect() {
        String user = newUser();
        ObjectId id = new ObjectId();
        CredentialCipher stranger = new CredentialCipher(Keysets.generate());
        insert(
                id,
                user,
                stranger.seal(
                        "{}".getBytes(StandardCharsets.UTF_8), AssociatedData.integration(id.toHexString(), user)));

        http.delete()
                .uri("/api/integrations/hubspot")
                .headers(bearer(token(user)))
                .exchange()
                .expectStatus()
                .isNoContent();

        http.get()
                .uri("/api/integrations/hubspot")
                .headers(bearer(token(user)))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    private void insert(ObjectId id, String user, CredentialCipher.Sealed sealed) {
        Instant now = Instant.now();
        mongo.insert(new IntegrationConfig(
                        id,
                        user,
                        null,
                        "hubspot",
                        new IntegrationConfig.Credentials(
                                "62515",
                                List.of("oauth"),
                                now.plus(Duration.ofMinutes(30)),
                                sealed.ciphertext(),
                                sealed.keyId(),
                                now),
                        IntegrationConfig.Settings.defaults(),
                        true,
                        null,
                        now,
                        now,
                        1,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null))
                .block(Duration.ofSeconds(10));
    }
}
