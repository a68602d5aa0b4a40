package io.leadsuite.integrations.connection;

import io.leadsuite.common.openapi.ApiTags;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.integrations.crypto.CredentialCipher;
import io.leadsuite.integrations.provider.OAuthProvider;
import io.leadsuite.integrations.provider.Providers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/integrations")
@Tag(name = ApiTags.INTEGRATIONS, description = ApiTags.INTEGRATIONS_DESCRIPTION)
class IntegrationController {

    private static final Logger log = LoggerFactory.getLogger(IntegrationController.class);

    private final Connections connections;
    private final Providers providers;

    IntegrationController(Connections connections, Providers providers) {
        this.connections = connections;
        this.providers = providers;
    }

    @Operation(
            summary = "The caller's integrations",
            description = "Every connected provider, with its state and settings; never a credential.")
    @GetMapping
    Mono<List<IntegrationView>> list(Tenant tenant) {
        return connections.list(tenant).map(IntegrationView::of).collectList();
    }

    @Operation(summary = "One integration", description = "The caller's config of this provider, or 404.")
    @ApiResponse(responseCode = "404", description = "Not connected (or an unknown provider)")
    @GetMapping("/{type}")
    Mono<IntegrationView> get(Tenant tenant, @PathVariable String type) {
        providers.get(type);
        return connections.find(tenant, type).map(IntegrationView::of);
    }

    @Operation(
            summary = "Change the settings",
            description = "JSON Merge Patch of autoSync, syncInterval (5–1440 minutes) and fieldMappings (provider"
                    + " property → lead field or customFields.<name>; replaces the whole map).")
    @ApiResponse(responseCode = "400", description = "A bad entry, named under errors")
    @PatchMapping("/{type}")
    Mono<IntegrationView> patch(
            Tenant tenant, @PathVariable String type, @RequestBody Map<String, @Nullable Object> patch) {
        providers.get(type);
        return connections
                .updateSettings(tenant, type, current -> SettingsRules.apply(current, patch))
                .map(IntegrationView::of);
    }

    @Operation(
            summary = "Disconnect",
            description =
                    "Revokes the grant at the provider, deletes the credentials, and keeps every lead it imported.")
    @ApiResponse(responseCode = "204", description = "Disconnected")
    @DeleteMapping("/{type}")
    Mono<ResponseEntity<Void>> disconnect(Tenant tenant, @PathVariable String type) {
        OAuthProvider provider = providers.get(type);
        return connections
                .disconnect(tenant, type)
                .flatMap(removed -> revoke(provider, removed, readable(removed)))
                .thenReturn(ResponseEntity.noContent().build());
    }

    /**
     * The tokens to revoke, if they can be read: credentials no key of the keyset opens (its key was
     * removed too early) are still deleted, only not revoked at the provider.
     */
    private @Nullable Secrets readable(IntegrationConfig config) {
        if (config.credentials() == null) {
            return null;
        }
        try {
            return connections.open(config);
        } catch (CredentialCipher.CredentialsUnreadable unreadable) {
            log.warn("Disconnecting integration {} without revoking it: {}", config.id(), unreadable.getMessage());
            return null;
        }
    }

    /** Revokes at the provider; a failure there is logged and does not undo the disconnect. */
    private Mono<Void> revoke(OAuthProvider provider, IntegrationConfig config, @Nullable Secrets secrets) {
        if (secrets == null || secrets.refreshToken() == null) {
            return Mono.empty();
        }
        return provider.revoke(secrets.refreshToken()).onErrorResume(failed -> {
            log.warn(
                    "Revoking integration {} ({}) at the provider failed: {}",
                    config.id(),
                    config.type(),
                    failed.getMessage());
            return Mono.empty();
        });
    }
}
