package io.leadsuite.imports.upload;

import io.leadsuite.common.openapi.ApiTags;
import io.leadsuite.common.web.Problems;
import io.leadsuite.imports.csv.CsvFileException;
import io.leadsuite.imports.csv.CsvPreview;
import io.leadsuite.imports.file.ImportFiles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a frontend shows before the user presses "Import": the file's format, header, suggested
 * mapping, custom field types and first rows, read from the head of the file only. The rest of the
 * upload is not read (a client can send just the first 64 KB).
 */
@RestController
@Tag(name = ApiTags.IMPORTS, description = ApiTags.IMPORTS_DESCRIPTION)
class PreviewController {

    /** The multipart form of a preview, for the OpenAPI document. */
    record PreviewForm(
            @Schema(type = "string", format = "binary", description = "The CSV file, or its first 64 KB")
            String file) {}

    @Operation(
            summary = "Preview a CSV file before importing it",
            description = "Reads the first 64 KB: encoding and delimiter, the header with warnings, the suggested"
                    + " mapping of each column with its confidence, each custom column's type, and the first 5 rows"
                    + " as they will be stored. Stores nothing.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                            schema = @Schema(implementation = PreviewForm.class)))
    @ApiResponse(
            responseCode = "200",
            description = "The preview",
            content = @Content(schema = @Schema(implementation = CsvPreview.class)))
    @ApiResponse(
            responseCode = "400",
            description = "No file part, or a file that is not a CSV (binary, empty, broken encoding)")
    @PostMapping(value = "/api/imports/preview", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<CsvPreview> preview(@Parameter(hidden = true) @RequestBody Flux<PartEvent> parts) {
        Head head = new Head();
        return parts.windowUntil(PartEvent::isLast)
                .concatMap(part -> part.switchOnFirst((first, events) -> {
                    PartEvent event = first.get();
                    if (event instanceof FilePartEvent && "file".equals(event.name()) && head.bytes == null) {
                        head.bytes = new ByteArrayOutputStream();
                        // Booleans after add(), which releases each buffer: nothing left for a discard hook
                        // to release twice; takeUntil stops reading once the head is full.
                        return events.map(PartEvent::content)
                                .map(head::add)
                                .takeUntil(full -> full)
                                .then();
                    }
                    return events.doOnNext(other -> DataBufferUtils.release(other.content()))
                            .then();
                }))
                .then(Mono.defer(() -> {
                    if (head.bytes == null) {
                        return Mono.error(Problems.invalid("file", "is required: a multipart part named file"));
                    }
                    try {
                        byte[] bytes = head.bytes.toByteArray();
                        return Mono.just(
                                FileInspector.preview(bytes, head.full ? Long.MAX_VALUE : bytes.length, Map.of()));
                    } catch (CsvFileException unreadable) {
                        return Mono.error(Problems.invalid("file", unreadable.getMessage()));
                    }
                }));
    }

    /** The first {@link ImportFiles#HEAD_SIZE} bytes of the file part. */
    private static final class Head {
        ByteArrayOutputStream bytes;
        volatile boolean full;

        /** Keeps what fits of {@code buffer} and releases it; {@code true} once the head is full. */
        synchronized boolean add(DataBuffer buffer) {
            try {
                int take = Math.min(buffer.readableByteCount(), ImportFiles.HEAD_SIZE - bytes.size());
                byte[] chunk = new byte[take];
                buffer.read(chunk);
                bytes.writeBytes(chunk);
                full = bytes.size() >= ImportFiles.HEAD_SIZE;
                return full;
            } finally {
                DataBufferUtils.release(buffer);
            }
        }
    }
}
