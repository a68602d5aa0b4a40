package io.leadsuite.integrations.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Encrypts credentials with Tink AEAD (AES-256-GCM). Every ciphertext is bound to associated data that
 * names what it belongs to (an integration config and its user), so a ciphertext copied into another
 * document does not decrypt there. The keyset may hold several keys: the primary encrypts, every key
 * decrypts, so a new primary can be rolled out before old ciphertexts are re-encrypted
 * ({@link ReEncryption}).
 */
public final class CredentialCipher {

    private final Aead aead;
    private final int primaryKeyId;

    public CredentialCipher(KeysetHandle keyset) {
        try {
            this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("The credentials keyset holds no AEAD key", ex);
        }
        this.primaryKeyId = keyset.getPrimary().getId();
    }

    /** A ciphertext (base64) and the id of the key that made it. */
    public record Sealed(String ciphertext, int keyId) {

        @Override
        public String toString() {
            return "Sealed[keyId=" + keyId + "]";
        }
    }

    /** The id of the key that encrypts; ciphertexts of other keys are due for re-encryption. */
    public int primaryKeyId() {
        return primaryKeyId;
    }

    public Sealed seal(byte[] plaintext, AssociatedData associatedData) {
        try {
            byte[] ciphertext = aead.encrypt(plaintext, associatedData.bytes());
            return new Sealed(Base64.getEncoder().encodeToString(ciphertext), primaryKeyId);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Credentials could not be encrypted", ex);
        }
    }

    /**
     * The plaintext of {@code sealed}; fails with {@link CredentialsUnreadable} (which names no secret)
     * when no key of the keyset made it or it belongs to other associated data.
     */
    public byte[] open(Sealed sealed, AssociatedData associatedData) {
        try {
            return aead.decrypt(Base64.getDecoder().decode(sealed.ciphertext()), associatedData.bytes());
        } catch (GeneralSecurityException | IllegalArgumentException ex) {
            throw new CredentialsUnreadable(sealed.keyId());
        }
    }

    /**
     * What a ciphertext is bound to: its purpose and owner's identifiers, each length-prefixed so that
     * no two different tuples share an encoding.
     */
    public record AssociatedData(String purpose, String... parts) {

        public static AssociatedData integration(String configId, String userId) {
            return new AssociatedData("integration-config-v1", configId, userId);
        }

        public static AssociatedData oauthState(String stateHash, String userId) {
            return new AssociatedData("oauth-state-v1", stateHash, userId);
        }

        byte[] bytes() {
            ByteBuffer buffer = ByteBuffer.allocate(size());
            put(buffer, purpose);
            for (String part : parts) {
                put(buffer, part);
            }
            return buffer.array();
        }

        private int size() {
            int size = 4 + purpose.getBytes(StandardCharsets.UTF_8).length;
            for (String part : parts) {
                size += 4 + part.getBytes(StandardCharsets.UTF_8).length;
            }
            return size;
        }

        private static void put(ByteBuffer buffer, String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            buffer.putInt(bytes.length).put(bytes);
        }
    }

    /** A ciphertext that no key of the keyset opens for its associated data. */
    public static final class CredentialsUnreadable extends RuntimeException {
        CredentialsUnreadable(int keyId) {
            super("Stored credentials cannot be decrypted (made by key " + keyId
                    + "; is that key still in the keyset, and is the document where it was written?)");
        }
    }
}
