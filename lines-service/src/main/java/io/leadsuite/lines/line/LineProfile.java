package io.leadsuite.lines.line;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A line's profile as a purchase validated it. */
record LineProfile(
        @Nullable String phone,
        String email,
        String firstName,
        String lastName,
        @Nullable String profileImageUrl,
        @Nullable String createdUserId) {

    /** Identifies the request for its {@code Idempotency-Key}: a key reused with another body is refused. */
    String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join(
                                    "\u0000",
                                    Objects.toString(phone, ""),
                                    email,
                                    firstName,
                                    lastName,
                                    Objects.toString(profileImageUrl, ""),
                                    Objects.toString(createdUserId, ""))
                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
