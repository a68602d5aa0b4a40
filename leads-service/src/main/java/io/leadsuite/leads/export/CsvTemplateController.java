package io.leadsuite.leads.export;

import de.siegmar.fastcsv.writer.CsvWriter;
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
class CsvTemplateController {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private static final byte[] TEMPLATE = seedTemplate();

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
