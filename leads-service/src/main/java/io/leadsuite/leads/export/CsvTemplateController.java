package io.leadsuite.leads.export;

import de.siegmar.fastcsv.writer.CsvWriter;
import io.leadsuite.common.openapi.ApiTags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The CSV template of seed-schema.md: mandatory, optional and example custom columns, two example rows. */
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
        StringWriter csv = new StringWriter();
        try (CsvWriter writer = CsvWriter.builder().build(csv)) {
            writer.writeRecord(
                    "firstName",
                    "lastName",
                    "email",
                    "phone",
                    "companyName",
                    "jobTitle",
                    "linkedinUrl",
                    "notes",
                    "customField1",
                    "customField2");
            writer.writeRecord(
                    "John",
                    "Doe",
                    "john.doe@example.com",
                    "+1-555-0123",
                    "Acme Corp",
                    "Software Engineer",
                    "https://linkedin.com/in/johndoe",
                    "Interested in our product",
                    "Value1",
                    "Value2");
            writer.writeRecord(
                    "Jane",
                    "Smith",
                    "jane.smith@example.com",
                    "+1-555-0124",
                    "Tech Solutions",
                    "Product Manager",
                    "https://linkedin.com/in/janesmith",
                    "Referred by John",
                    "Value3",
                    "Value4");
        } catch (java.io.IOException impossible) {
            throw new java.io.UncheckedIOException(impossible);
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
