package io.leadsuite.imports.upload;

import io.leadsuite.common.openapi.ApiTags;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.FieldViolation;
import io.leadsuite.common.web.Problems;
import io.leadsuite.imports.file.ImportFiles;
import io.leadsuite.imports.job.DuplicatePolicy;
import io.leadsuite.imports.job.ImportApiDocs;
import io.leadsuite.imports.job.ImportJobView;
import io.leadsuite.imports.job.ImportJobs;
import io.leadsuite.imports.settings.ImportProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Encoding;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.FormPartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Uploads: a multipart request is read part by part as it arrives; the file part goes straight into
 * GridFS (never whole in memory) and is cut off with 413 at the size limit, leaving nothing stored.
 * Then the head of the stored file decides the format and the mapping, and a pending job is created.
 */
@RestController
@RequestMapping("/api/imports")
@Tag(name = ApiTags.IMPORTS, description = ApiTags.IMPORTS_DESCRIPTION)
class UploadController {

    /** Room for the other parts and the multipart framing, above the file's own limit. */
    private static final long MULTIPART_OVERHEAD = 1024 * 1024;

    private final ImportFiles files;
    private final ImportJobs jobs;
    private final ListsClient lists;
    private final FileInspector inspector;
    private final JsonMapper json;
    private final ImportProperties properties;

    UploadController(
            ImportFiles files,
            ImportJobs jobs,
            ListsClient lists,
            FileInspector inspector,
            JsonMapper json,
            ImportProperties properties) {
        this.files = files;
        this.jobs = jobs;
        this.lists = lists;
        this.inspector = inspector;
        this.json = json;
        this.properties = properties;
    }

    /** The multipart form of an upload, for the OpenAPI document. */
    record UploadForm(
            @Schema(type = "string", format = "binary", description = "The CSV file")
            String file,

            @Schema(description = "One of the caller's lists for every row; not with newListName")
            String listId,

            @Schema(description = "Creates a list of this name for the rows; not with listId")
            String newListName,

            @Schema(
                    description = "JSON object: CSV column → lead field, customFields.<name> or ignore;"
                            + " overrides the suggested mapping",
                    example = "{\"E-mail Address\":\"email\",\"Notes\":\"ignore\"}")
            String fieldMapping,

            @Schema(
                    allowableValues = {"skip", "update"},
                    defaultValue = "skip")
            String duplicatePolicy,

            @Schema(
                    allowableValues = {"true", "false"},
                    defaultValue = "false")
            String dryRun) {}

    @Operation(
            summary = "Upload a CSV file to import",
            description = "Streams the file into storage and answers 202 with a pending job; a worker then imports it."
                    + " Follow it with GET /api/imports/{id}/events.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                            schema = @Schema(implementation = UploadForm.class),
                            encoding = @Encoding(name = "file", contentType = "text/csv")))
    @ApiResponse(
            responseCode = "202",
            description = "The job, pending",
            content =
                    @Content(
                            schema = @Schema(implementation = ImportJobView.class),
                            examples = @ExampleObject(name = "Pending", value = ImportApiDocs.PENDING)))
    @ApiResponse(
            responseCode = "400",
            description = "No file, an unreadable one, a bad field, or a mapping that leaves a required field unmapped"
                    + " (each listed under errors)")
    @ApiResponse(responseCode = "409", description = "newListName is already one of the caller's lists")
    @ApiResponse(responseCode = "413", description = "The file is larger than the limit (default 512 MB)")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<ImportJobView>> upload(
            Tenant tenant,
            @Parameter(hidden = true) @AuthenticationPrincipal Jwt token,
            @Parameter(hidden = true) @RequestBody Flux<PartEvent> parts,
            @Parameter(hidden = true) @RequestHeader HttpHeaders headers) {
        long limit = properties.maxFileSize().toBytes();
        if (headers.getContentLength() > limit + MULTIPART_OVERHEAD) {
            return Mono.error(ImportFiles.tooLarge(limit));
        }
        Upload upload = new Upload();
        return parts.windowUntil(PartEvent::isLast)
                .concatMap(part -> part.switchOnFirst((first, events) -> {
                    PartEvent event = first.get();
                    if (event == null) {
                        return events.then();
                    }
                    if (event instanceof FilePartEvent file && "file".equals(event.name()) && upload.file == null) {
                        upload.fileName = file.filename();
                        return files.store(events.map(PartEvent::content), file.filename(), limit, tenant.userId())
                                .doOnNext(stored -> upload.file = stored)
                                .then();
                    }
                    if (event instanceof FormPartEvent form) {
                        upload.fields.put(form.name(), form.value());
                    }
                    return events.doOnNext(ignored -> DataBufferUtils.release(ignored.content()))
                            .then();
                }))
                .then(Mono.defer(() -> accept(tenant, token, upload)))
                .onErrorResume(error -> upload.file == null
                        ? Mono.error(error)
                        : files.delete(upload.file.id()).then(Mono.error(error)));
    }

    private Mono<ResponseEntity<ImportJobView>> accept(Tenant tenant, Jwt token, Upload upload) {
        if (upload.file == null) {
            return Mono.error(Problems.invalid("file", "is required: a multipart part named file"));
        }
        List<FieldViolation> violations = new ArrayList<>();
        String listId = upload.fields.get("listId");
        String newListName = upload.fields.get("newListName");
        if (listId != null && newListName != null) {
            violations.add(new FieldViolation("newListName", "cannot be given together with listId"));
        }
        if (listId != null && !ObjectId.isValid(listId)) {
            violations.add(new FieldViolation("listId", "is not the id of one of your lists"));
        }
        DuplicatePolicy policy = policy(upload.fields.get("duplicatePolicy"), violations);
        boolean dryRun = flag(upload.fields.get("dryRun"), violations);
        Map<String, String> overrides = mapping(upload.fields.get("fieldMapping"), violations);
        FileInspector.Inspection inspection = inspector.inspect(upload.file.head(), upload.file.size(), overrides);
        violations.addAll(inspection.violations());
        if (!violations.isEmpty()) {
            return Mono.error(Problems.invalid(violations));
        }
        Mono<String> list = listId != null
                ? lists.requireOwn(token.getTokenValue(), listId).thenReturn(listId)
                : newListName != null ? lists.create(token.getTokenValue(), newListName.trim()) : Mono.empty();
        return list.map(ObjectId::new)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(chosen -> jobs.create(new ImportJobs.NewJob(
                        tenant,
                        upload.fileName,
                        upload.file.size(),
                        upload.file.id(),
                        inspection.format(),
                        inspection.header(),
                        inspection.mapping(),
                        chosen.orElse(null),
                        dryRun,
                        policy)))
                .map(job -> ResponseEntity.status(HttpStatus.ACCEPTED)
                        .location(URI.create("/api/imports/" + job.id().toHexString()))
                        .body(ImportJobView.of(job)));
    }

    private static DuplicatePolicy policy(String value, List<FieldViolation> violations) {
        if (value == null || value.isBlank()) {
            return DuplicatePolicy.skip;
        }
        try {
            return DuplicatePolicy.valueOf(value.trim());
        } catch (IllegalArgumentException unknown) {
            violations.add(new FieldViolation("duplicatePolicy", "must be skip or update"));
            return DuplicatePolicy.skip;
        }
    }

    private static boolean flag(String value, List<FieldViolation> violations) {
        if (value == null || value.isBlank() || value.trim().equals("false")) {
            return false;
        }
        if (value.trim().equals("true")) {
            return true;
        }
        violations.add(new FieldViolation("dryRun", "must be true or false"));
        return false;
    }

    private Map<String, String> mapping(String value, List<FieldViolation> violations) {
        if (value == null || value.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(value, new TypeReference<Map<String, String>>() {});
        } catch (RuntimeException notAnObject) {
            violations.add(new FieldViolation(
                    "fieldMapping", "must be a JSON object of CSV column → lead field, customFields.<name> or ignore"));
            return Map.of();
        }
    }

    /** What the parts of one upload said. */
    private static final class Upload {
        final Map<String, String> fields = new LinkedHashMap<>();
        volatile String fileName;
        volatile ImportFiles.StoredFile file;
    }
}
