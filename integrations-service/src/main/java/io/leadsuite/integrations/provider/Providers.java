package io.leadsuite.integrations.provider;

import io.leadsuite.common.web.Problems;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The providers this deployment connects to, by type; an unknown type in a path is a 404. */
@Component
public class Providers {

    private final Map<String, OAuthProvider> byType;

    Providers(List<OAuthProvider> providers) {
        this.byType = providers.stream().collect(Collectors.toMap(OAuthProvider::type, Function.identity()));
    }

    public OAuthProvider get(String type) {
        OAuthProvider provider = byType.get(type);
        if (provider == null) {
            throw Problems.notFound("Integration " + type);
        }
        return provider;
    }
}
