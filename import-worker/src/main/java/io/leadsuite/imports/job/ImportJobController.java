package io.leadsuite.imports.job;

import io.leadsuite.common.openapi.ApiTags;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.CursorPage;
import io.leadsuite.common.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/imports")
@Tag(name = ApiTags.IMPORTS, description = ApiTags.IMPORTS_DESCRIPTION)
@Validated
class ImportJobController {

    /** A comment line this often keeps an idle stream open through proxies and the gateway's read timeout. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final ImportJobs jobs;
    private final Duration streamPoll;

    ImportJobController(ImportJobs jobs, @Value("${leadsuite.imports.stream-poll:500ms}") Duration streamPoll) {
        this.jobs = jobs;
        this.streamPoll = streamPoll;
    }

    @Operation(
            summary = "Get an import job",
            description = "Its status, totals, the first refused rows and how the file was read.")
    @ApiResponse(
            responseCode = "200",
            description = "The job",
            content =
                    @Content(
                            schema = @Schema(implementation = ImportJobView.class),
                            examples = @ExampleObject(name = "Completed", value = ImportApiDocs.JOB)))
    @ApiResponse(responseCode = "404", description = "No job of the caller's has this id")
    @GetMapping("/{id}")
    Mono<ImportJobView> get(Tenant tenant, @PathVariable String id) {
        return jobs.find(tenant, id).map(ImportJobView::of);
    }

    @Operation(
            summary = "List import jobs",
            description =
                    "The caller's jobs, newest first, in pages; pass nextCursor back as cursor for the next page.")
    @ApiResponse(responseCode = "200", description = "One page of jobs")
    @ApiResponse(responseCode = "400", description = "limit or cursor is invalid (each listed under errors)")
    @GetMapping
    Mono<CursorPage<ImportJobView>> list(
            Tenant tenant,
            @RequestParam(name = "limit", defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(name = "cursor", required = false) @Nullable String cursor) {
        if (cursor != null && !ObjectId.isValid(cursor)) {
            return Mono.error(Problems.invalid("cursor", "is not a cursor this API gave out"));
        }
        ObjectId before = cursor == null ? null : new ObjectId(cursor);
        return jobs.page(tenant, before, limit + 1).collectList().map(found -> {
            List<ImportJobView> items =
                    found.stream().limit(limit).map(ImportJobView::of).toList();
            String next = found.size() > limit ? items.get(limit - 1).id() : null;
            return new CursorPage<>(items, next);
        });
    }

    @Operation(
            summary = "Cancel an import job",
            description = "A running job stops after the batch in flight and keeps what it wrote; it ends failed with"
                    + " failureReason cancelled. A pending job fails at once.")
    @ApiResponse(responseCode = "200", description = "The job, cancelled or asked to stop")
    @ApiResponse(responseCode = "404", description = "No job of the caller's has this id")
    @ApiResponse(responseCode = "409", description = "The job has already ended")
    @PostMapping("/{id}/cancel")
    Mono<ImportJobView> cancel(Tenant tenant, @PathVariable String id) {
        return jobs.cancel(tenant, id).map(ImportJobView::of);
    }

    @Operation(
            summary = "Follow an import job's progress",
            description = "Server-Sent Events: a progress event with the job each time it changes (at least every"
                    + " second while it runs), then one completed or failed event, and the stream ends. Any"
                    + " instance serves any job: the stream follows the stored job.")
    @ApiResponse(
            responseCode = "200",
            description = "The stream",
            content =
                    @Content(
                            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                            schema = @Schema(implementation = ImportJobView.class)))
    @ApiResponse(responseCode = "404", description = "No job of the caller's has this id")
    @GetMapping(value = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<ImportJobView>> events(Tenant tenant, @PathVariable String id) {
        return jobs.find(tenant, id).flatMapMany(first -> {
            Flux<ImportJob> changes = Flux.concat(
                            Mono.just(first), Flux.interval(streamPoll).concatMap(tick -> jobs.find(tenant, id), 1))
                    .distinctUntilChanged(ImportJob::updatedAt)
                    .takeUntil(job -> job.status().ended());
            Flux<ServerSentEvent<ImportJobView>> updates =
                    changes.map(job -> ServerSentEvent.builder(ImportJobView.of(job))
                            .id(job.updatedAt().toString())
                            .event(job.status().ended() ? job.status().name() : "progress")
                            .build());
            Flux<ServerSentEvent<ImportJobView>> keepAlive = Flux.interval(KEEP_ALIVE)
                    .map(tick -> ServerSentEvent.<ImportJobView>builder()
                            .comment("keep-alive")
                            .build());
            return Flux.merge(updates, keepAlive)
                    .takeUntil(event -> JobStatus.completed.name().equals(event.event())
                            || JobStatus.failed.name().equals(event.event()));
        });
    }
}
