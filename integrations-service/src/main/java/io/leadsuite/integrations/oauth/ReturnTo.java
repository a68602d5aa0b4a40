package io.leadsuite.integrations.oauth;

import io.leadsuite.common.web.Problems;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where a connect flow sends the browser at its end: only under one of the configured frontend
 * origins (same scheme, host and port), so the callback can never be used as an open redirect.
 */
final class ReturnTo {

    private static final int MAX_LENGTH = 2048;

    private ReturnTo() {}

    /** {@code returnTo} checked, or the first origin when it is absent; a 400 naming the field otherwise. */
    static URI validate(@Nullable String returnTo, List<URI> origins) {
        if (returnTo == null || returnTo.isBlank()) {
            return fallback(origins);
        }
        if (returnTo.length() > MAX_LENGTH) {
            throw Problems.invalid("returnTo", "must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(returnTo);
        } catch (URISyntaxException ex) {
            throw Problems.invalid("returnTo", "must be an absolute URL");
        }
        if (!uri.isAbsolute()
                || uri.getRawUserInfo() != null
                || uri.getHost() == null
                || uri.getRawFragment() != null) {
            throw Problems.invalid("returnTo", "must be an absolute URL without user information or fragment");
        }
        if (origins.stream().noneMatch(origin -> sameOrigin(origin, uri))) {
            throw Problems.invalid("returnTo", "must be under one of the frontend origins " + origins);
        }
        return uri;
    }

    /** Where a flow returns when it cannot tell (its state is unknown). */
    static URI fallback(List<URI> origins) {
        return URI.create(origins.get(0).toString().replaceAll("/+$", "") + "/");
    }

    private static boolean sameOrigin(URI origin, URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return origin.getScheme().equalsIgnoreCase(scheme)
                && origin.getHost().equalsIgnoreCase(uri.getHost())
                && port(origin) == port(uri);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
