package io.leadsuite.integrations.connection;

import org.jspecify.annotations.Nullable;

/**
 * The secret part of a connection, stored only encrypted ({@code credentials.sealed}). {@link
 * #toString} names no token.
 */
public record Secrets(String accessToken, @Nullable String refreshToken) {

    @Override
    public String toString() {
        return "Secrets[redacted]";
    }
}
