package io.leadsuite.leads.export;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.leadsuite.leads.LeadsServiceIT;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class LeadExportIT extends LeadsServiceIT {

    @Test
    void servesTheSeedTemplate() {
        byte[] body = get(token(newUser()), "/api/leads/export-template")
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("text/csv;charset=UTF-8")
                .expectHeader()
                .valueEquals(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"leads-template.csv\"")
                .expectBody()
                .returnResult()
                .getResponseBody();

        assertThat(new String(body, StandardCharsets.UTF_8).split("\r\n"))
                .containsExactly(
                        "firstName,lastName,email,phone,companyName,jobTitle,linkedinUrl,notes,customField1,customField2",
                        "John,Doe,john.doe@example.com,+1-555-0123,Acme Corp,Software Engineer,https://linkedin.com/in/johndoe,Interested in our product,Value1,Value2",
                        "Jane,Smith,jane.smith@example.com,+1-555-0124,Tech Solutions,Product Manager,https://linkedin.com/in/janesmith,Referred by John,Value3,Value4");
    }

    @Test
    void exportsTheFilteredLeadsWithACustomFieldColumnEachAndNoFormulas() {
        String token = token(newUser());
        Map<String, Object> first = lead("Ada", "ada." + UUID.randomUUID() + "@example.com");
        first.put("companyName", "Acme");
        first.put("notes", "=HYPERLINK(\"http://evil\",\"click\")");
        first.put("customFields", Map.of("Company Size", 50, "@risk", "-1+2"));
        create(token, first);
        Map<String, Object> second = lead("Grace", "grace." + UUID.randomUUID() + "@example.com");
        second.put("companyName", "Acme");
        second.put("customFields", Map.of("tier", "gold"));
        create(token, second);
        create(token, lead("Other", "other." + UUID.randomUUID() + "@example.com"));

        byte[] body = get(
                        token,
                        "/api/leads/export?companyName=acme&sort=firstName"
                                .replace("&sort=firstName", "&sort=lastName"))
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("text/csv;charset=UTF-8")
                .expectBody()
                .returnResult()
                .getResponseBody();

        assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
        List<CsvRecord> rows =
                CsvReader.builder().ofCsvRecord(new String(body, 3, body.length - 3, StandardCharsets.UTF_8)).stream()
                        .toList();
        List<String> header = rows.get(0).getFields();
        assertThat(header.subList(0, 8))
                .containsExactly(
                        "firstName", "lastName", "email", "phone", "companyName", "jobTitle", "linkedinUrl", "notes");
        assertThat(header).contains("'@risk", "Company Size", "tier", "id", "listId", "source", "createdAt");
        assertThat(rows).hasSize(3);
        Map<String, String> ada = row(header, rows.get(1).getFields().get(0).equals("Ada") ? rows.get(1) : rows.get(2));
        assertThat(ada)
                .containsEntry("notes", "'=HYPERLINK(\"http://evil\",\"click\")")
                .containsEntry("'@risk", "'-1+2")
                .containsEntry("Company Size", "50")
                .containsEntry("phone", "'+1-555-0123")
                .containsEntry("tier", "");
    }

    private static Map<String, String> row(List<String> header, CsvRecord record) {
        Map<String, String> cells = new java.util.LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            cells.put(header.get(i), record.getField(i));
        }
        return cells;
    }
}
