package io.leadsuite.leads.export;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.leadsuite.common.openapi.ApiTags;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.SpreadsheetCells;
import io.leadsuite.leads.model.CustomFields;
import io.leadsuite.leads.model.IntegrationIds;
import io.leadsuite.leads.model.LeadDocument;
import io.leadsuite.leads.model.LeadFields;
import io.leadsuite.leads.search.LeadQuery;
import io.leadsuite.leads.search.LeadQueryParameters;
import io.leadsuite.leads.search.LeadSearch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;

/**
 * Streams the caller's leads as CSV, with the listing's filters and order. The template's columns come
 * first, then one column per custom field, then the lead's metadata. Rows are read from the database
 * in batches and written as they come, so memory does not grow with the number of leads.
 */
@RestController
@Tag(name = ApiTags.LEADS, description = ApiTags.LEADS_DESCRIPTION)
class LeadExportController {

    static final int MAX_CUSTOM_COLUMNS = 1000;

    private static final List<String> STANDARD = LeadFields.names();
    private static final List<String> METADATA = List.of(
            "id",
            "listId",
            "source",
            "hubspotRecordId",
            "salesforceRecordId",
            "googleSheetsRowId",
            "createdAt",
            "updatedAt");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final int ROWS_PER_CHUNK = 200;

    private final LeadSearch search;
    private final Clock clock;

    LeadExportController(LeadSearch search, Clock clock) {
        this.search = search;
        this.clock = clock;
    }

    @Operation(
            summary = "Export leads as CSV",
            description = "The caller's leads with the listing's filters and order, as a CSV attachment"
                    + " (UTF-8 with a byte order mark): the template's columns, one column per custom field,"
                    + " then id, listId, source, the integration ids and the timestamps.")
    @LeadQueryParameters
    @ApiResponse(
            responseCode = "200",
            description = "The CSV file, streamed",
            headers =
                    @Header(
                            name = "Content-Disposition",
                            description = "attachment; filename=\"leads-<date>.csv\"",
                            schema = @Schema(type = "string")),
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "400", description = "A filter is invalid (each listed under errors)")
    @GetMapping("/api/leads/export")
    ResponseEntity<Flux<DataBuffer>> export(
            Tenant tenant,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters,
            ServerWebExchange exchange) {
        LeadQuery query = LeadQuery.from(parameters);
        DataBufferFactory buffers = exchange.getResponse().bufferFactory();
        Flux<DataBuffer> body = search.customFieldNames(tenant, query, MAX_CUSTOM_COLUMNS)
                .collectList()
                .flatMapMany(customNames -> {
                    Flux<String> header = Flux.just(csv(List.<String[]>of(header(customNames))));
                    Flux<String> rows = search.stream(tenant, query)
                            .buffer(ROWS_PER_CHUNK)
                            .map(leads -> csv(leads.stream()
                                    .map(lead -> row(lead, customNames))
                                    .toList()));
                    return Flux.concat(header, rows);
                })
                .map(text -> buffers.wrap(text.getBytes(StandardCharsets.UTF_8)))
                .startWith(buffers.wrap(UTF8_BOM));
        String filename = "leads-" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC) + ".csv";
        return ResponseEntity.ok()
                .contentType(CsvTemplateController.CSV)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename)
                                .build()
                                .toString())
                .body(body);
    }

    /** Custom field columns keep their names, unless a name is taken by a standard column. */
    private static String[] header(List<String> customNames) {
        Set<String> taken = new HashSet<>(STANDARD);
        taken.addAll(METADATA);
        List<String> columns = new ArrayList<>(STANDARD);
        for (String name : customNames) {
            columns.add(taken.contains(name) ? "customFields." + name : name);
        }
        columns.addAll(METADATA);
        return columns.toArray(String[]::new);
    }

    private static String[] row(LeadDocument lead, List<String> customNames) {
        Map<String, Object> custom = CustomFields.toJson(lead.customFieldsOrEmpty());
        IntegrationIds ids = lead.integrationIdsOrNone();
        List<String> cells = new ArrayList<>(STANDARD.size() + customNames.size() + METADATA.size());
        for (LeadFields.Field field : LeadFields.TABLE) {
            cells.add(text(field.value().apply(lead.fields())));
        }
        for (String name : customNames) {
            cells.add(text(custom.get(name)));
        }
        cells.add(lead.id().toHexString());
        cells.add(lead.listId() == null ? "" : lead.listId().toHexString());
        cells.add(lead.source());
        cells.add(text(ids.hubspotRecordId()));
        cells.add(text(ids.salesforceRecordId()));
        cells.add(text(ids.googleSheetsRowId()));
        cells.add(lead.createdAt().toString());
        cells.add(lead.updatedAt().toString());
        return cells.toArray(String[]::new);
    }

    private static String text(Object value) {
        return value == null ? "" : Objects.toString(value);
    }

    private static String csv(List<String[]> records) {
        StringWriter out = new StringWriter();
        try (CsvWriter writer =
                CsvWriter.builder().lineDelimiter(LineDelimiter.CRLF).build(out)) {
            for (String[] record : records) {
                for (int i = 0; i < record.length; i++) {
                    record[i] = SpreadsheetCells.neutralize(record[i]);
                }
                writer.writeRecord(record);
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toString();
    }
}
