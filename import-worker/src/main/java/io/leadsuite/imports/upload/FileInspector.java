package io.leadsuite.imports.upload;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.leadsuite.common.lead.LeadFieldNames;
import io.leadsuite.common.web.FieldViolation;
import io.leadsuite.imports.job.ImportJob;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Reads the head of an uploaded file: its format, its header, and the mapping of its columns. */
@Component
class FileInspector {

    /**
     * @param violations what is wrong with the file or the mapping, named by field
     */
    record Inspection(
            ImportJob.FileFormat format,
            List<String> header,
            Map<String, String> mapping,
            List<FieldViolation> violations) {}

    Inspection inspect(byte[] head, Map<String, String> overrides) {
        String text = new String(head, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        char delimiter = delimiter(text);
        ImportJob.FileFormat format = new ImportJob.FileFormat("UTF-8", delimiter);
        List<FieldViolation> violations = new ArrayList<>();
        List<String> header = new ArrayList<>();
        try (CsvReader<CsvRecord> reader =
                CsvReader.builder().fieldSeparator(delimiter).ofCsvRecord(text)) {
            var records = reader.iterator();
            if (records.hasNext()) {
                header.addAll(records.next().getFields());
            }
        } catch (java.io.IOException | RuntimeException unreadable) {
            violations.add(new FieldViolation("file", "cannot be read as CSV: " + unreadable.getMessage()));
        }
        if (header.isEmpty() || header.stream().allMatch(String::isBlank)) {
            violations.add(new FieldViolation("file", "has no header row"));
            return new Inspection(format, header, Map.of(), violations);
        }
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String column : header) {
            mapping.put(column, suggest(column, mapping));
        }
        overrides.forEach((column, target) -> {
            if (!mapping.containsKey(column)) {
                violations.add(new FieldViolation("fieldMapping." + column, "is not a column of the file"));
            } else {
                mapping.put(column, target);
            }
        });
        for (String required : LeadFieldNames.requiredNames()) {
            if (!mapping.containsValue(required)) {
                violations.add(
                        new FieldViolation("fieldMapping", "leaves the required field " + required + " unmapped"));
            }
        }
        return new Inspection(format, header, mapping, violations);
    }

    private static String suggest(String column, Map<String, String> mapped) {
        String key = column.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
        for (String field : LeadFieldNames.names()) {
            if (field.toLowerCase(Locale.ROOT).equals(key) && !mapped.containsValue(field)) {
                return field;
            }
        }
        String alias = switch (key) {
            case "emailaddress", "email1value" -> "email";
            case "mobilephone", "phonenumber", "businessphone", "phone1value" -> "phone";
            case "company", "organization1name", "accountname" -> "companyName";
            case "title", "position" -> "jobTitle";
            case "givenname" -> "firstName";
            case "familyname" -> "lastName";
            default -> null;
        };
        if (alias != null && !mapped.containsValue(alias)) {
            return alias;
        }
        return "customFields." + column.trim();
    }

    private static char delimiter(String text) {
        String line = text.lines().findFirst().orElse("");
        char best = ',';
        long most = -1;
        for (char candidate : new char[] {',', ';', '\t', '|'}) {
            long count = line.chars().filter(c -> c == candidate).count();
            if (count > most) {
                most = count;
                best = candidate;
            }
        }
        return best;
    }
}
