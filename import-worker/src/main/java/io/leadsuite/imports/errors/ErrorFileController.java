package io.leadsuite.imports.errors;

import de.siegmar.fastcsv.writer.CsvWriter;
import io.leadsuite.common.openapi.ApiTags;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.Problems;
import io.leadsuite.common.web.SpreadsheetCells;
import io.leadsuite.imports.job.ImportApiDocs;
import io.leadsuite.imports.job.ImportJobs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The error file of a job: every refused row exactly as it was in the file (its header, its cells),
 * plus {@code error_row}, {@code error_field} and {@code error_message}. Fix the rows in a spreadsheet
 * and import the file again: the extra columns become ignored custom fields unless mapped away. Cells
 * are neutralised against formula injection, streamed in file order.
 */
@RestController
@Tag(name = ApiTags.IMPORTS, description = ApiTags.IMPORTS_DESCRIPTION)
class ErrorFileController {

    static final List<String> ERROR_COLUMNS = List.of("error_row", "error_field", "error_message");

    private final ImportJobs jobs;
    private final ErrorRows rows;

    ErrorFileController(ImportJobs jobs, ErrorRows rows) {
        this.jobs = jobs;
        this.rows = rows;
    }

    @Operation(
            summary = "Download the rows an import refused",
            description = "CSV (UTF-8): the file's header and each refused row as it was, plus error_row, error_field"
                    + " and error_message. Empty but for the header when no row was refused.")
    @ApiResponse(
            responseCode = "200",
            description = "The error file",
            content =
                    @Content(mediaType = "text/csv", schema = @Schema(type = "string", example = ImportApiDocs.ERRORS)))
    @ApiResponse(responseCode = "404", description = "No job of the caller's has this id")
    @ApiResponse(responseCode = "410", description = "The job was archived and its error rows deleted")
    @GetMapping(value = "/api/imports/{id}/errors.csv", produces = "text/csv")
    ResponseEntity<Flux<DataBuffer>> download(Tenant tenant, @PathVariable String id) {
        Flux<DataBuffer> body = jobs.find(tenant, id).flatMapMany(job -> {
            if (job.archivedAt() != null) {
                return Flux.error(
                        Problems.of(HttpStatus.GONE, "The job was archived; its error rows are no longer kept."));
            }
            List<String> header = new ArrayList<>(job.header());
            header.addAll(ERROR_COLUMNS);
            return Flux.concat(
                    Mono.fromSupplier(() -> line(header)), rows.of(job.id()).map(row -> line(cells(row))));
        });
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("import-" + id + "-errors.csv")
                                .build()
                                .toString())
                .body(body);
    }

    private static List<String> cells(ErrorRow row) {
        List<String> cells = new ArrayList<>(row.cells());
        cells.add(String.valueOf(row.row()));
        cells.add(row.field());
        cells.add(row.message());
        return cells;
    }

    private static DataBuffer line(List<String> cells) {
        StringWriter out = new StringWriter();
        try (CsvWriter csv = CsvWriter.builder().build(out)) {
            csv.writeRecord(cells.stream().map(SpreadsheetCells::neutralize).toList());
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return DefaultDataBufferFactory.sharedInstance.wrap(out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
