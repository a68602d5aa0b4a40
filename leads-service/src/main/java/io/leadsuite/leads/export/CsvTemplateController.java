package io.leadsuite.leads.export;

import de.siegmar.fastcsv.writer.CsvWriter;
import io.leadsuite.common.openapi.ApiTags;
import io.leadsuite.leads.model.LeadFields;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The CSV import template: one column per standard field, two example custom columns, two example rows. */
@RestController
@Tag(name = ApiTags.LEADS, description = ApiTags.LEADS_DESCRIPTION)
class CsvTemplateController {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private static final byte[] TEMPLATE = seedTemplate();

    @Operation(
            summary = "Download the CSV import template",
            description = "The mandatory columns (firstName, lastName, email, phone), the optional ones, two"
                    + " example custom columns and two example rows.")
    @ApiResponse(
            responseCode = "200",
            description = "The template, as a CSV attachment",
            headers =
                    @Header(
                            name = "Content-Disposition",
                            description = "attachment; filename=\"leads-template.csv\"",
                            schema = @Schema(type = "string")),
            content =
                    @Content(
                            mediaType = "text/csv",
                            schema = @Schema(type = "string", format = "binary"),
                            examples =
                                    @ExampleObject(
                                            name = "Template",
                                            value = "firstName,lastName,email,phone,companyName,jobTitle,linkedinUrl,"
                                                    + "notes,customField1,customField2\n"
                                                    + "John,Doe,john.doe@example.com,+1-555-0123,Acme Corp,"
                                                    + "Software Engineer,https://linkedin.com/in/johndoe,"
                                                    + "Interested in our product,Value1,Value2\n")))
    @GetMapping("/api/leads/export-template")
    ResponseEntity<byte[]> template() {
        return ResponseEntity.ok()
                .contentType(CSV)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("leads-template.csv")
                                .build()
                                .toString())
                .body(TEMPLATE);
    }

    private static byte[] seedTemplate() {
        List<String> custom = List.of("customField1", "customField2");
        List<Map<String, String>> rows = List.of(
                Map.of(
                        "firstName", "John",
                        "lastName", "Doe",
                        "email", "john.doe@example.com",
                        "phone", "+1-555-0123",
                        "companyName", "Acme Corp",
                        "jobTitle", "Software Engineer",
                        "linkedinUrl", "https://linkedin.com/in/johndoe",
                        "notes", "Interested in our product",
                        "customField1", "Value1",
                        "customField2", "Value2"),
                Map.of(
                        "firstName", "Jane",
                        "lastName", "Smith",
                        "email", "jane.smith@example.com",
                        "phone", "+1-555-0124",
                        "companyName", "Tech Solutions",
                        "jobTitle", "Product Manager",
                        "linkedinUrl", "https://linkedin.com/in/janesmith",
                        "notes", "Referred by John",
                        "customField1", "Value3",
                        "customField2", "Value4"));
        List<String> columns = new ArrayList<>(LeadFields.names());
        columns.addAll(custom);
        StringWriter csv = new StringWriter();
        try (CsvWriter writer = CsvWriter.builder().build(csv)) {
            writer.writeRecord(columns);
            for (Map<String, String> row : rows) {
                writer.writeRecord(columns.stream()
                        .map(column -> row.getOrDefault(column, ""))
                        .toList());
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
