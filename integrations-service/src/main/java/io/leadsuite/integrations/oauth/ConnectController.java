package io.leadsuite.integrations.oauth;

import io.leadsuite.common.openapi.ApiTags;
import io.leadsuite.common.security.Tenant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The two ends of connecting a provider: the consent URL, and the provider's redirect back. */
@RestController
@RequestMapping("/api/integrations")
@Tag(name = ApiTags.INTEGRATIONS, description = ApiTags.INTEGRATIONS_DESCRIPTION)
class ConnectController {

    private final ConnectFlow connect;

    ConnectController(ConnectFlow connect) {
        this.connect = connect;
    }

    record Connect(@Nullable String returnTo) {}

    record Authorize(URI authorizeUrl) {}

    @Operation(
            summary = "Start connecting",
            description =
                    "Answers the provider's consent URL to send the browser to. The flow ends on the callback, which"
                            + " returns the browser to returnTo (default: the first frontend origin) with"
                            + " ?integration=<type>&status=connected, or status=error&reason=<why>.")
    @ApiResponse(responseCode = "200", description = "The consent URL; its state is valid 10 minutes, once")
    @ApiResponse(responseCode = "400", description = "returnTo is not under a configured frontend origin")
    @PostMapping("/{type}")
    Mono<Authorize> start(
            Tenant tenant, @PathVariable String type, @RequestBody(required = false) @Nullable Connect body) {
        return connect.start(tenant, type, body == null ? null : body.returnTo())
                .map(Authorize::new);
    }

    @Operation(
            summary = "OAuth callback (the browser, sent by the provider)",
            description = "Needs no session token: authenticated by its single-use state. Always redirects (302) to the"
                    + " frontend; reasons: invalid_state, expired_state, access_denied, provider_error, missing_code,"
                    + " exchange_failed.")
    @ApiResponse(responseCode = "302", description = "Back to the frontend with the outcome")
    @GetMapping("/{type}/callback")
    Mono<ResponseEntity<Void>> callback(
            @PathVariable String type,
            @Parameter(description = "code, state, or error from the provider") @RequestParam
                    Map<String, String> params) {
        return connect.callback(type, params)
                .map(location -> ResponseEntity.status(HttpStatus.FOUND)
                        .location(location)
                        .build());
    }
}
