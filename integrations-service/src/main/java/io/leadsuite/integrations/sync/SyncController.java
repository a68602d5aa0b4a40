package io.leadsuite.integrations.sync;

import io.leadsuite.common.openapi.ApiTags;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.Problems;
import io.leadsuite.integrations.connection.Connections;
import io.leadsuite.integrations.connection.IntegrationConfig;
import io.leadsuite.integrations.provider.Providers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The caller's syncs: their state, and a sync started now. A started sync is an import job of the
 * import worker, followed like an upload at {@code /api/imports/{jobId}} and its {@code /events}.
 */
@RestController
@Tag(name = ApiTags.INTEGRATIONS, description = ApiTags.INTEGRATIONS_DESCRIPTION)
class SyncController {

    private final Connections connections;
    private final SyncRuns runs;
    private final Providers providers;

    SyncController(Connections connections, SyncRuns runs, Providers providers) {
        this.connections = connections;
        this.runs = runs;
        this.providers = providers;
    }

    /**
     * A requested sync.
     *
     * @param jobId its import job: {@code GET /api/imports/{jobId}} once the worker has taken the
     *     request (within a moment), and its progress on {@code /api/imports/{jobId}/events}
     * @param full whether it reads every record or only the changed ones
     */
    record SyncStarted(String jobId, String integration, String status, boolean full, Instant requestedAt) {}

    @Operation(
            summary = "The caller's syncs",
            description = "Every connected provider with its sync status (idle, queued, running), lastSyncAt,"
                    + " nextSyncAt, lastError, the current job and the last job's counts.")
    @GetMapping("/api/sync")
    Mono<List<SyncView>> list(Tenant tenant) {
        return connections.list(tenant).map(SyncView::of).collectList();
    }

    @Operation(
            summary = "Sync now",
            description = "Imports the records changed since the last completed sync (every record the first"
                    + " time). 409 while a sync of it is queued or running, naming its job.")
    @ApiResponse(responseCode = "202", description = "Requested; the job id to follow")
    @ApiResponse(responseCode = "404", description = "Not connected")
    @ApiResponse(
            responseCode = "409",
            description = "A sync is queued or running, or the connection must be reconnected")
    @PostMapping("/api/sync/{type}")
    Mono<ResponseEntity<SyncStarted>> sync(Tenant tenant, @PathVariable String type) {
        return start(tenant, type, "manual", false);
    }

    @Operation(
            summary = "Full import now",
            description = "Imports every record of the provider, whatever was synced before. 409 while a sync of"
                    + " it is queued or running, naming its job.")
    @ApiResponse(responseCode = "202", description = "Requested; the job id to follow")
    @ApiResponse(responseCode = "404", description = "Not connected")
    @ApiResponse(
            responseCode = "409",
            description = "A sync is queued or running, or the connection must be reconnected")
    @PostMapping("/api/integrations/{type}/import")
    Mono<ResponseEntity<SyncStarted>> importAll(Tenant tenant, @PathVariable String type) {
        return start(tenant, type, "manual", true);
    }

    private Mono<ResponseEntity<SyncStarted>> start(Tenant tenant, String type, String trigger, boolean full) {
        providers.get(type);
        return connections.find(tenant, type).flatMap(config -> {
            if (!config.isActive()) {
                return Mono.error(conflict(
                        "The integration must be reconnected before it can sync.", "lastError", config.lastError()));
            }
            return runs.request(config, trigger, full, false)
                    .map(requested -> {
                        IntegrationConfig.Sync sync = requested.sync();
                        SyncStarted started =
                                new SyncStarted(sync.jobId(), type, sync.status(), sync.full(), sync.requestedAt());
                        return ResponseEntity.accepted()
                                .location(URI.create("/api/imports/" + sync.jobId()))
                                .body(started);
                    })
                    .switchIfEmpty(Mono.defer(() -> connections
                            .find(tenant, type)
                            .flatMap(current -> Mono.error(
                                    jobId(current) == null
                                            ? Problems.of(
                                                    HttpStatus.CONFLICT,
                                                    "The integration was changed at the same time; try again.")
                                            : conflict(
                                                    "A sync of this integration is " + status(current) + " (job "
                                                            + jobId(current) + "); wait for it to end.",
                                                    "jobId",
                                                    jobId(current))))));
        });
    }

    private static String status(IntegrationConfig config) {
        return config.sync() == null
                ? IntegrationConfig.Sync.IDLE
                : config.sync().status();
    }

    private static @Nullable String jobId(IntegrationConfig config) {
        return config.sync() == null ? null : config.sync().jobId();
    }

    private static ErrorResponseException conflict(String detail, String property, @Nullable Object value) {
        ProblemDetail problem = Problems.titled(HttpStatus.CONFLICT, detail);
        problem.setProperty(property, value);
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }
}
