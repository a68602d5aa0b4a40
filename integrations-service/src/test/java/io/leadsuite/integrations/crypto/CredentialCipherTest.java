package io.leadsuite.integrations.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import io.leadsuite.integrations.crypto.CredentialCipher.AssociatedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialCipherTest {

    private static final byte[] SECRET = "{\"accessToken\":\"CKD-secret\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aCiphertextOpensOnlyForTheConfigAndUserItWasSealedFor() {
        CredentialCipher cipher = new CredentialCipher(Keysets.generate());
        CredentialCipher.Sealed sealed =
                cipher.seal(SECRET, AssociatedData.integration("65a0000000000000000000a1", "user_1"));

        assertThat(cipher.open(sealed, AssociatedData.integration("65a0000000000000000000a1", "user_1")))
                .isEqualTo(SECRET);
        assertThatThrownBy(() -> cipher.open(sealed, AssociatedData.integration("65a0000000000000000000a2", "user_1")))
                .isInstanceOf(CredentialCipher.CredentialsUnreadable.class)
                .hasMessageNotContaining("CKD-secret");
        assertThatThrownBy(() -> cipher.open(sealed, AssociatedData.integration("65a0000000000000000000a1", "user_2")))
                .isInstanceOf(CredentialCipher.CredentialsUnreadable.class);
    }

    @Test
    void associatedDataPartsCannotBeShiftedIntoEachOther() {
        CredentialCipher cipher = new CredentialCipher(Keysets.generate());
        CredentialCipher.Sealed sealed = cipher.seal(SECRET, new AssociatedData("p", "ab", "c"));

        assertThatThrownBy(() -> cipher.open(sealed, new AssociatedData("p", "a", "bc")))
                .isInstanceOf(CredentialCipher.CredentialsUnreadable.class);
    }

    @Test
    void afterARotationTheNewKeyEncryptsAndTheOldOneStillDecrypts() {
        KeysetHandle old = Keysets.generate();
        KeysetHandle rotated = Keysets.rotate(old);
        AssociatedData owner = AssociatedData.integration("65a0000000000000000000a1", "user_1");
        CredentialCipher before = new CredentialCipher(old);
        CredentialCipher after = new CredentialCipher(rotated);
        CredentialCipher.Sealed sealedBefore = before.seal(SECRET, owner);

        CredentialCipher.Sealed sealedAfter = after.seal(SECRET, owner);

        assertThat(after.primaryKeyId()).isNotEqualTo(before.primaryKeyId());
        assertThat(sealedAfter.keyId()).isEqualTo(after.primaryKeyId());
        assertThat(after.open(sealedBefore, owner)).isEqualTo(SECRET);
        assertThatThrownBy(() -> before.open(sealedAfter, owner))
                .isInstanceOf(CredentialCipher.CredentialsUnreadable.class);
    }

    @Test
    void aKeysetFileIsCreatedOnceReadableByItsOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data/integrations-keyset.json");
        KeysetHandle created = Keysets.load(null, file, true);

        KeysetHandle read = Keysets.load(null, file, false);

        assertThat(read.getPrimary().getId()).isEqualTo(created.getPrimary().getId());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void aBrokenKeysetIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> Keysets.load("{\"primaryKeyId\": 1, \"key\": \"sekrit-material\"}", null, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("sekrit-material");
        assertThatThrownBy(() -> Keysets.load(null, null, false)).hasMessageContaining("LEADSUITE_INTEGRATIONS_KEYSET");
    }
}
