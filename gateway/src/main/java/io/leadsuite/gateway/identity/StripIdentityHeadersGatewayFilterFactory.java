package io.leadsuite.gateway.identity;

import io.leadsuite.common.security.InternalApi;
import java.util.List;
import java.util.Locale;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Removes every header through which a client could claim an identity, before a request leaves the
 * gateway. Services take the tenant only from the verified token, so these headers carry no weight
 * today; stripping them keeps it that way for anything downstream that might ever read one.
 */
@Component
public class StripIdentityHeadersGatewayFilterFactory
        extends AbstractGatewayFilterFactory<StripIdentityHeadersGatewayFilterFactory.Config> {

    public StripIdentityHeadersGatewayFilterFactory() {
        super(Config.class);
    }

    @Override
    public GatewayFilter apply(Config config) {
        List<String> names = config.getNames().stream()
                .map(StripIdentityHeadersGatewayFilterFactory::lower)
                .toList();
        List<String> prefixes = config.getPrefixes().stream()
                .map(StripIdentityHeadersGatewayFilterFactory::lower)
                .toList();
        return (exchange, chain) -> chain.filter(exchange.mutate()
                .request(request -> request.headers(headers -> strip(headers, names, prefixes)))
                .build());
    }

    private static void strip(HttpHeaders headers, List<String> names, List<String> prefixes) {
        headers.headerNames().removeIf(header -> {
            String name = lower(header);
            return names.contains(name) || prefixes.stream().anyMatch(name::startsWith);
        });
    }

    private static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    public static class Config {

        private List<String> names = List.of(
                "X-User-Id",
                "X-Workspace-Id",
                "X-Org-Id",
                "X-Organization-Id",
                "X-Tenant-Id",
                "X-Forwarded-User",
                "X-Forwarded-Email",
                "X-Forwarded-Preferred-Username",
                "X-Remote-User",
                "Remote-User",
                "X-Authenticated-User",
                "X-Userinfo",
                // Service-to-service credential for /internal/**; never accepted from outside.
                InternalApi.TOKEN_HEADER);

        private List<String> prefixes =
                List.of("X-Clerk-", "X-Auth-", "X-User-", "X-Tenant-", "X-Workspace-", "X-Org-");

        public List<String> getNames() {
            return names;
        }

        public void setNames(List<String> names) {
            this.names = List.copyOf(names);
        }

        public List<String> getPrefixes() {
            return prefixes;
        }

        public void setPrefixes(List<String> prefixes) {
            this.prefixes = List.copyOf(prefixes);
        }
    }
}
