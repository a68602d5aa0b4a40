package io.leadsuite.integrations.provider;

/**
 * A provider call that failed. Messages name the provider's error code, never a token or a raw
 * response body.
 */
public abstract sealed class ProviderException extends RuntimeException {

    ProviderException(String message) {
        super(message);
    }

    /**
     * The provider no longer honours the grant ({@code invalid_grant}, HubSpot's
     * {@code BAD_REFRESH_TOKEN}): only the user connecting again repairs it.
     */
    public static final class GrantRevoked extends ProviderException {
        public GrantRevoked(String message) {
            super(message);
        }
    }

    /** The provider refused this request (a bad or used code, a bad client); retrying will not help. */
    public static final class Refused extends ProviderException {
        public Refused(String message) {
            super(message);
        }
    }

    /** The provider did not answer usefully (5xx, timeout, connection): worth trying again later. */
    public static final class Unavailable extends ProviderException {
        public Unavailable(String message) {
            super(message);
        }
    }
}
