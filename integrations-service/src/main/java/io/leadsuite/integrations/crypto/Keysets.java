package io.leadsuite.integrations.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import org.jspecify.annotations.Nullable;

/**
 * Where the credentials keyset comes from: a Tink JSON keyset in an environment variable, or in a file
 * (a mounted Secret); the local stack lets it be created in its data directory on first start. The
 * keyset is secret material: it is never logged, and a file this class writes is readable by its owner
 * only.
 */
public final class Keysets {

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private Keysets() {}

    /**
     * The keyset of {@code json} if given, else of {@code file}; a missing file is created with one
     * AES-256-GCM key when {@code createIfMissing}.
     */
    public static KeysetHandle load(@Nullable String json, @Nullable Path file, boolean createIfMissing) {
        if (json != null && !json.isBlank()) {
            return parse(json, "the configured keyset (leadsuite.integrations.keyset)");
        }
        if (file == null) {
            throw new IllegalStateException("No credentials keyset: set LEADSUITE_INTEGRATIONS_KEYSET to a Tink JSON"
                    + " keyset, or LEADSUITE_INTEGRATIONS_KEYSETFILE to a file that holds one (see the module README)");
        }
        try {
            if (Files.exists(file)) {
                return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            }
            if (!createIfMissing) {
                throw new IllegalStateException("The credentials keyset file " + file + " does not exist");
            }
            KeysetHandle created = generate();
            write(created, file);
            return created;
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read or create the credentials keyset " + file, ex);
        }
    }

    /** A new keyset with one AES-256-GCM key. */
    public static KeysetHandle generate() {
        try {
            return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** {@code keyset} with a new AES-256-GCM key as its primary; the old keys still decrypt. */
    public static KeysetHandle rotate(KeysetHandle keyset) {
        try {
            return KeysetHandle.newBuilder(keyset)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId()
                            .makePrimary())
                    .build();
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static String toJson(KeysetHandle keyset) {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Writes {@code keyset} to {@code file}, readable and writable by its owner only. */
    public static void write(KeysetHandle keyset, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path temporary = Files.createTempFile(parent, ".keyset", ".tmp");
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ex) {
            // Not a POSIX file system: the directory's permissions protect it.
        }
        Files.writeString(temporary, toJson(keyset), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static KeysetHandle parse(String json, String where) {
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException ex) {
            // The exception may quote the input; say only where it came from.
            throw new IllegalStateException("The credentials keyset in " + where + " is not a valid Tink JSON keyset");
        }
    }
}
